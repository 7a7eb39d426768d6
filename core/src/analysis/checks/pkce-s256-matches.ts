// pkce.s256-matches: BASE64URL(SHA-256(code_verifier)) equals the challenge of the authorization request; the verifier is 43–128 characters (RFC 7636 §4.1, §4.6, App. B).
import { defineCheck, type Emit } from './check.ts';
import type { CheckEnv } from '../check-env.ts';
import type { Evidence } from '../types.ts';
import { rfc, rfcAppendix } from './spec-refs.ts';
import { isRedactedPlaceholder } from '../../redaction/placeholders.ts';
import { tokenRequests, type TokenRequest } from './token-units.ts';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Starts every digest first: the hashing runs concurrently and the judging then awaits finished work, not one round trip per flow. */
function warmDigests(env: CheckEnv): void {
  for (const { rec, f, grant } of tokenRequests(env)) {
    const verifier = f.form.get('code_verifier');
    if (
      rec.request?.get('code_challenge_method') === 'S256' &&
      rec.request.get('code_challenge') !== undefined &&
      verifier !== undefined &&
      !isRedactedPlaceholder(verifier) &&
      grant === 'authorization_code'
    )
      env.crypto.warm('SHA-256', verifier);
  }
}

/** RFC 7636 §4.6: the verifier, transformed by the challenge method, must equal the challenge; §4.1 fixes its syntax. */
async function compareWithChallenge(
  env: CheckEnv,
  exchangeId: string,
  { verifier, challenge, method }: { verifier: string; challenge: string; method: string },
  evidence: Evidence[],
  emit: Emit,
): Promise<void> {
  const computedValue = method === 'S256' ? await env.crypto.pkceS256(verifier) : verifier;
  const computed = [
    { label: 'code_verifier', value: verifier },
    { label: method === 'S256' ? 'SHA-256 → base64url' : 'plain (no transformation)', value: computedValue },
    { label: 'code_challenge', value: challenge },
  ];
  const what = method === 'S256' ? 'The SHA-256 of the verifier' : 'The verifier';
  if (!VERIFIER.test(verifier))
    emit(
      exchangeId,
      'fail',
      `The code_verifier is ${verifier.length} characters; RFC 7636 needs 43–128 of [A-Za-z0-9-._~].`,
      evidence,
      { computed },
    );
  else if (computedValue === challenge)
    emit(
      exchangeId,
      'pass',
      `${what} equals the challenge: the same client started and finished this login.`,
      evidence,
      { computed },
    );
  else
    emit(
      exchangeId,
      'fail',
      `${what} does not equal the challenge: the server must refuse to issue tokens.`,
      evidence,
      { computed },
    );
}

/** Judges one authorization_code token request against the authorization request of its flow. */
async function judge(env: CheckEnv, { rec, f }: TokenRequest, emit: Emit): Promise<void> {
  const verifier = f.form.get('code_verifier');
  const challenge = rec.request?.get('code_challenge');
  const method = rec.request?.get('code_challenge_method') ?? 'plain';
  const vEv = {
    exchangeId: f.id,
    label: 'code_verifier (token request)',
    value: verifier,
    location: 'request.form.code_verifier',
  };
  if (!rec.authzRequest) {
    if (verifier !== undefined)
      emit(
        f.id,
        'not-applicable',
        'The authorization request for this code was not captured, so the verifier cannot be compared.',
        [vEv],
      );
    return;
  }
  if (challenge === undefined) return; // a verifier without a challenge is pkce.downgrade
  const cEv = {
    exchangeId: rec.authzRequest.id,
    label: 'code_challenge (authorization request)',
    value: challenge,
    location: 'request.query.code_challenge',
  };
  if (verifier === undefined) {
    emit(f.id, 'fail', 'The authorization request sent a code_challenge but the token request has no code_verifier.', [
      cEv,
      vEv,
    ]);
    return;
  }
  const redacted = [verifier, challenge].find(isRedactedPlaceholder);
  if (redacted !== undefined) {
    const what = redacted === verifier ? 'code_verifier' : 'code_challenge';
    emit(
      f.id,
      'not-applicable',
      `The ${what} was redacted in this file (it reads "${redacted}"), so the verifier cannot be compared with the challenge.`,
      [vEv, cEv],
    );
    return;
  }
  await compareWithChallenge(env, f.id, { verifier, challenge, method }, [vEv, cEv], emit);
}

export default defineCheck(
  {
    id: 'pkce.s256-matches',
    severity: 'must',
    title: 'code_verifier matches the code_challenge',
    spec: [rfc(7636, '4.6'), rfc(7636, '4.1'), rfcAppendix(7636, 'B')],
  },
  async (env, emit) => {
    warmDigests(env);
    for (const request of tokenRequests(env)) {
      if (request.grant === 'authorization_code') await judge(env, request, emit);
    }
  },
);
