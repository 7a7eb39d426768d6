// Checks on authorization requests and the login pages they lead to (RFC 6749 §4.1.1, RFC 7636 §4, RFC 9700 §2).
import type { CheckEnv } from './check-env.ts';

const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** RFC 8252 §7.3 / RFC 9700 §2.6: loopback hosts may use plain http. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export async function checkAuthorizationRequests(env: CheckEnv): Promise<void> {
  for (const rec of env.units.flows) {
    const f = rec.authzRequest;
    const p = rec.request;
    if (!f || !p) continue;
    // A request the server refused with an error page never became a transaction: its parameters are not judged.
    if (env.labels.get(f.id)?.has('authorization-error-page')) continue;
    const nonce = p.get('nonce');
    const sameNonce = nonce !== undefined ? env.flows.nonceRequests.get(nonce) ?? [] : [];
    const earlier = sameNonce[sameNonce.indexOf(f.id) - 1];
    if (!env.dirty(f.id)) continue;
    const at = (name: string) => ({ exchangeId: f.id, label: `${name} (authorization request)`, value: p.get(name), location: `request.query.${name}` });
    const rt = (p.get('response_type') ?? '').split(' ').filter(Boolean);
    const usesCode = rt.includes('code');
    const frontChannelIdToken = rt.includes('id_token');

    if (rt.includes('token')) env.emit('authz.implicit-legacy', f.id, 'warn', `response_type "${rt.join(' ')}" returns an access token in the redirect; the implicit grant is deprecated — use the code flow with PKCE.`, [at('response_type')]);
    else env.emit('authz.implicit-legacy', f.id, 'pass', `response_type "${rt.join(' ')}" does not return an access token in the redirect.`, [at('response_type')]);

    const challenge = p.get('code_challenge');
    const method = p.get('code_challenge_method');
    if (!usesCode) {
      env.emit('pkce.present', f.id, 'not-applicable', 'No authorization code is requested, so PKCE does not apply.', [at('response_type')]);
    } else if (challenge === undefined) {
      env.emit('pkce.present', f.id, 'fail', 'The request asks for a code but sends no code_challenge: an intercepted code could be redeemed by someone else.', [at('response_type')]);
    } else {
      env.emit('pkce.present', f.id, 'pass', 'A code_challenge is sent with the request.', [at('code_challenge')]);
      if (method === 'S256') env.emit('pkce.method-s256', f.id, 'pass', 'The challenge is an S256 hash of the verifier.', [at('code_challenge_method')]);
      else env.emit('pkce.method-s256', f.id, 'warn', method ? `code_challenge_method is "${method}"; only S256 hides the verifier.` : 'No code_challenge_method, which means "plain": the challenge is the verifier itself.', [at('code_challenge_method')]);
      const syntaxOk = CHALLENGE.test(challenge) && (method !== 'S256' || /^[A-Za-z0-9_-]{43}$/.test(challenge));
      env.emit('pkce.challenge-syntax', f.id, syntaxOk ? 'pass' : 'fail', syntaxOk ? `The challenge is ${challenge.length} characters of the allowed alphabet.` : `The challenge "${challenge}" is not 43–128 characters of [A-Za-z0-9-._~]${method === 'S256' ? ' (an S256 challenge is exactly 43 base64url characters)' : ''}.`, [at('code_challenge')]);
    }

    const state = p.get('state');
    if (state === undefined) env.emit('state.present', f.id, 'warn', 'No state parameter: the client relies on PKCE alone against cross-site request forgery.', [at('client_id')]);
    else if (state.length < 8 || /^\d+$/.test(state)) env.emit('state.present', f.id, 'warn', `state "${state}" is short or all digits, so an attacker could guess it.`, [at('state')]);
    else env.emit('state.present', f.id, 'pass', `state is ${state.length} characters long.`, [at('state')]);

    if (nonce !== undefined) {
      if (earlier) env.emit('nonce.present', f.id, 'warn', `The same nonce was already used by the authorization request in exchange ${earlier}; a nonce must be unique per transaction.`, [at('nonce')]);
      else env.emit('nonce.present', f.id, 'pass', 'A nonce is sent, binding the ID token to this request.', [at('nonce')]);
    } else if (frontChannelIdToken) {
      env.emit('nonce.present', f.id, 'fail', 'An ID token is requested from the front channel without a nonce: a replayed ID token would be accepted.', [at('response_type')]);
    } else {
      env.emit('nonce.present', f.id, 'not-applicable', 'No nonce; it is optional for the code flow, where PKCE protects the code.', [at('response_type')]);
    }

    const redirect = p.get('redirect_uri');
    if (redirect) {
      let u: URL | undefined;
      try {
        u = new URL(redirect);
      } catch {
        u = undefined;
      }
      if (u && u.protocol === 'http:' && !isLoopbackHost(u.hostname)) env.emit('redirect-uri.loopback-http', f.id, 'fail', `redirect_uri ${redirect} uses plain http on a host that is not loopback, so the code travels unprotected.`, [at('redirect_uri')]);
      else env.emit('redirect-uri.loopback-http', f.id, 'pass', u?.protocol === 'http:' ? 'redirect_uri uses http on a loopback host, which is allowed.' : 'redirect_uri does not use plain http.', [at('redirect_uri')]);
    }

    const acao = f.responseHeaders.get('access-control-allow-origin');
    if (acao !== undefined) env.emit('authz.no-cors', f.id, 'warn', `The authorization endpoint answered with Access-Control-Allow-Origin: ${acao}; it is a front-channel page and should not be readable cross-origin.`, [{ exchangeId: f.id, label: 'Access-Control-Allow-Origin', value: acao, location: 'response.header.access-control-allow-origin' }]);
  }

  for (const f of env.units.facts) {
    if (!env.dirty(f.id) || !env.labels.get(f.id)?.has('login-page')) continue;
    const xfo = f.responseHeaders.get('x-frame-options');
    const csp = f.responseHeaders.get('content-security-policy') ?? '';
    const ok = xfo !== undefined || /frame-ancestors/i.test(csp);
    env.emit('login.framing', f.id, ok ? 'pass' : 'warn', ok ? `The login page forbids framing (${xfo ? `X-Frame-Options: ${xfo}` : 'CSP frame-ancestors'}).` : 'The login page sends neither X-Frame-Options nor CSP frame-ancestors, so another site could frame it (clickjacking).', [{ exchangeId: f.id, label: 'framing headers', value: xfo ?? (csp || '(none)'), location: 'response.headers' }]);
  }
}
