// PKCE verification (RFC 7636 §4.6): recompute BASE64URL(SHA-256(verifier)) and compare with the request's challenge; downgrades (RFC 9700 §4.8).
import type { CheckEnv } from './check-env.ts';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export async function checkPkce(env: CheckEnv): Promise<void> {
  // Start every digest first: the hashing runs concurrently and the loop below then awaits finished work, not one round trip per flow.
  for (const rec of env.units.flows) {
    if (rec.request?.get('code_challenge_method') !== 'S256' || rec.request.get('code_challenge') === undefined) continue;
    for (const f of rec.tokenRequests) {
      const verifier = f.form.get('code_verifier');
      if (verifier !== undefined && env.dirty(f.id) && f.form.get('grant_type') === 'authorization_code') env.crypto.warm('SHA-256', verifier);
    }
  }
  for (const rec of env.units.flows) {
    for (const f of rec.tokenRequests) {
      if (!env.dirty(f.id) || f.form.get('grant_type') !== 'authorization_code') continue;
      const verifier = f.form.get('code_verifier');
      const req = rec.request;
      const challenge = req?.get('code_challenge');
      const method = req?.get('code_challenge_method') ?? 'plain';
      const vEv = { exchangeId: f.id, label: 'code_verifier (token request)', value: verifier, location: 'request.form.code_verifier' };
      if (!rec.authzRequest) {
        if (verifier !== undefined) env.emit('pkce.s256-matches', f.id, 'not-applicable', 'The authorization request for this code was not captured, so the verifier cannot be compared.', [vEv]);
        continue;
      }
      const cEv = { exchangeId: rec.authzRequest.id, label: 'code_challenge (authorization request)', value: challenge, location: 'request.query.code_challenge' };
      if (challenge === undefined) {
        if (verifier !== undefined) env.emit('pkce.downgrade', f.id, 'fail', 'The token request sends a code_verifier although the authorization request had no code_challenge: a PKCE downgrade the server must reject.', [vEv, cEv]);
        continue;
      }
      env.emit('pkce.downgrade', f.id, 'pass', 'The code was requested with a code_challenge.', [cEv]);
      if (verifier === undefined) {
        env.emit('pkce.s256-matches', f.id, 'fail', 'The authorization request sent a code_challenge but the token request has no code_verifier.', [cEv, vEv]);
        continue;
      }
      const computedValue = method === 'S256' ? await env.crypto.pkceS256(verifier) : verifier;
      const computed = [
        { label: 'code_verifier', value: verifier },
        { label: method === 'S256' ? 'SHA-256 → base64url' : 'plain (no transformation)', value: computedValue },
        { label: 'code_challenge', value: challenge },
      ];
      if (!VERIFIER.test(verifier)) {
        env.emit('pkce.s256-matches', f.id, 'fail', `The code_verifier is ${verifier.length} characters; RFC 7636 needs 43–128 of [A-Za-z0-9-._~].`, [vEv, cEv], { computed });
      } else if (computedValue === challenge) {
        env.emit('pkce.s256-matches', f.id, 'pass', `${method === 'S256' ? 'The SHA-256 of the verifier' : 'The verifier'} equals the challenge: the same client started and finished this login.`, [vEv, cEv], { computed });
      } else {
        env.emit('pkce.s256-matches', f.id, 'fail', `${method === 'S256' ? 'The SHA-256 of the verifier' : 'The verifier'} does not equal the challenge: the server must refuse to issue tokens.`, [vEv, cEv], { computed });
      }
    }
  }
}
