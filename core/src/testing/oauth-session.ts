// Test and benchmark builder: complete OAuth sessions (code flow + PKCE, SSO, API calls) with really signed JWTs, made with anExchange().
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { Exchange } from '../har.ts';
import { anExchange, type ExchangeSketch } from './an-exchange.ts';
import { CryptoCache } from '../analysis/crypto-cache.ts';

export const AS = 'https://login.example.test';
export const APP = 'https://app.example.test';
export const API = 'https://api.example.test';
export const CLIENT_ID = 'spa-client';
export const REDIRECT_URI = `${APP}/callback`;

export interface SessionKeys {
  privateKey: CryptoKey;
  jwk: Record<string, unknown>;
  kid: string;
}

export async function sessionKeys(kid = 'key-1'): Promise<SessionKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateKey: privateKey as CryptoKey, jwk, kid };
}

export type SessionFault =
  | 'state-mismatch'
  | 'pkce-mismatch'
  | 'wrong-nonce'
  | '401-no-challenge'
  | 'token-in-url'
  | 'no-pkce'
  | 'code-reuse'
  | 'cached-token';

/** Writes exchanges in capture order: ids `${prefix}${n}`, sequence numbers and one second between messages. */
export class SessionWriter {
  readonly exchanges: Exchange[] = [];
  constructor(
    private prefix = 'x',
    private seq = 0,
    private time = Date.parse('2026-01-01T10:00:00.000Z'),
  ) {}
  get now(): number {
    return this.time;
  }
  add(sketch: Omit<ExchangeSketch, 'id' | 'seq' | 'at'>, step = 1000): Exchange {
    const e = anExchange({
      ...sketch,
      id: `${this.prefix}${this.seq}`,
      seq: this.seq,
      at: new Date(this.time).toISOString(),
    });
    this.seq++;
    this.time += step;
    this.exchanges.push(e);
    return e;
  }
}

export const METADATA = {
  issuer: AS,
  authorization_endpoint: `${AS}/authorize`,
  token_endpoint: `${AS}/token`,
  userinfo_endpoint: `${AS}/userinfo`,
  jwks_uri: `${AS}/jwks`,
  end_session_endpoint: `${AS}/session/end`,
  introspection_endpoint: `${AS}/token/introspection`,
  code_challenge_methods_supported: ['S256'],
  id_token_signing_alg_values_supported: ['RS256'],
  authorization_response_iss_parameter_supported: true,
};

const crypto = new CryptoCache();

/** One complete login (steps 2–9 and 11–13 of the code-flow lesson) for flow number `n`; returns the tokens it issued. */
export async function writeLogin(
  w: SessionWriter,
  keys: SessionKeys,
  n: number,
  options: { faults?: SessionFault[]; silent?: boolean } = {},
): Promise<{ accessToken: string; idToken: string }> {
  const faults = new Set(options.faults ?? []);
  const state = `state-${n}-abcdefgh`;
  const nonce = `nonce-${n}-abcdefgh`;
  const verifier = `verifier-${n}-`.padEnd(50, 'v');
  const challenge = await crypto.pkceS256(verifier);
  const code = `code-${n}-xyz`;
  const authz = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile',
    state,
    nonce,
  });
  if (!faults.has('no-pkce')) {
    authz.set('code_challenge', challenge);
    authz.set('code_challenge_method', 'S256');
  }
  const callback = new URLSearchParams({
    code,
    state: faults.has('state-mismatch') ? 'forged-state-1234' : state,
    iss: AS,
  });
  if (faults.has('token-in-url')) callback.set('access_token', 'leaked-token');
  const callbackUrl = `${REDIRECT_URI}?${callback}`;
  if (options.silent) {
    w.add({ url: `${AS}/authorize?${authz}`, status: 303, responseHeaders: { Location: callbackUrl } });
  } else {
    w.add({ url: `${AS}/authorize?${authz}`, status: 303, responseHeaders: { Location: `/interaction/i${n}` } });
    w.add({
      url: `${AS}/interaction/i${n}`,
      responseHeaders: { 'Content-Type': 'text/html', 'X-Frame-Options': 'DENY' },
      responseBody: {
        mimeType: 'text/html',
        text: '<form method="post"><input name="login"><input type="password" name="password"></form>',
      },
    });
    w.add({
      url: `${AS}/interaction/i${n}/login`,
      requestHeaders: { Referer: `${AS}/interaction/i${n}` },
      form: { login: 'alice', password: 'alice-pass' },
      status: 303,
      responseHeaders: [
        { name: 'Location', value: `${AS}/authorize/i${n}` },
        { name: 'Set-Cookie', value: `_session=s${n}; path=/; httponly; samesite=lax` },
      ],
    });
    w.add({ url: `${AS}/authorize/i${n}`, status: 303, responseHeaders: { Location: callbackUrl } });
  }
  w.add({
    url: callbackUrl,
    responseHeaders: { 'Content-Type': 'text/html' },
    responseBody: { mimeType: 'text/html', text: '<html>app</html>' },
  });
  const iat = Math.floor(w.now / 1000);
  const accessToken = await new SignJWT({ client_id: CLIENT_ID, scope: 'openid profile' })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'at+jwt' })
    .setIssuer(AS)
    .setSubject('alice')
    .setAudience(API)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 900)
    .setJti(`at-${n}`)
    .sign(keys.privateKey);
  const atHash = await crypto.leftHalfHash('RS256', accessToken);
  const idToken = await new SignJWT({
    nonce: faults.has('wrong-nonce') ? 'other-nonce' : nonce,
    at_hash: atHash,
    auth_time: iat,
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
    .setIssuer(AS)
    .setSubject('alice')
    .setAudience(CLIENT_ID)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(keys.privateKey);
  const tokenResponse = {
    status: 200,
    responseHeaders: {
      'Cache-Control': faults.has('cached-token') ? 'max-age=60' : 'no-store',
      'Access-Control-Allow-Origin': APP,
      'Content-Type': 'application/json',
    },
    json: {
      access_token: accessToken,
      id_token: idToken,
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'openid profile',
    },
  };
  const tokenForm = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: faults.has('pkce-mismatch') ? 'x'.repeat(50) : verifier,
  };
  w.add({ url: `${AS}/token`, requestHeaders: { Origin: APP }, form: tokenForm, ...tokenResponse });
  if (faults.has('code-reuse'))
    w.add({ url: `${AS}/token`, requestHeaders: { Origin: APP }, form: tokenForm, ...tokenResponse });
  w.add({
    url: `${AS}/userinfo`,
    requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP },
    responseHeaders: { 'Access-Control-Allow-Origin': APP },
    json: { sub: 'alice', name: 'Alice' },
  });
  return { accessToken, idToken };
}

/** The whole code-flow lesson: config, discovery, login, error, tokens, userinfo, API calls and their failures, SSO re-login. */
export async function codeFlowSession(
  options: { faults?: SessionFault[]; keys?: SessionKeys } = {},
): Promise<Exchange[]> {
  const keys = options.keys ?? (await sessionKeys());
  const w = new SessionWriter();
  const faults = new Set(options.faults ?? []);
  w.add({
    url: `${APP}/config.json`,
    json: {
      oauth: { authority: AS, clientId: CLIENT_ID, redirectUri: REDIRECT_URI, scope: 'openid profile' },
      app: { apiBaseUrl: API },
    },
  });
  w.add({
    url: `${AS}/.well-known/openid-configuration`,
    responseHeaders: { 'Access-Control-Allow-Origin': '*' },
    json: METADATA,
  });
  // Step 10: an invalid scope answered with an error redirect, then an unknown client answered with an error page.
  const badScope = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid xxx',
    state: 'state-err-abcdefgh',
    code_challenge: await crypto.pkceS256('e'.repeat(43)),
    code_challenge_method: 'S256',
  });
  w.add({
    url: `${AS}/authorize?${badScope}`,
    status: 303,
    responseHeaders: {
      Location: `${REDIRECT_URI}?error=invalid_scope&error_description=unknown+scope&state=state-err-abcdefgh&iss=${encodeURIComponent(AS)}`,
    },
  });
  w.add({
    url: `${AS}/authorize?response_type=code&client_id=nobody&redirect_uri=https%3A%2F%2Fevil.test%2F`,
    status: 400,
    responseHeaders: { 'Content-Type': 'text/html' },
    responseBody: { mimeType: 'text/html', text: '<html>invalid client</html>' },
  });
  const { accessToken } = await writeLogin(w, keys, 1, { faults: [...faults] });
  // Steps 15–19: preflight, API call, the API fetching keys, a 403, a server failure and an expired (altered) token.
  w.add({
    method: 'OPTIONS',
    url: `${API}/api/data`,
    requestHeaders: {
      Origin: APP,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    },
    status: 204,
    responseHeaders: { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Headers': 'authorization' },
  });
  w.add({
    url: `${API}/api/data`,
    requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP },
    responseHeaders: { 'Access-Control-Allow-Origin': APP },
    json: { items: [1, 2] },
  });
  w.add({ url: `${AS}/jwks`, channel: 'back-channel', json: { keys: [keys.jwk] } });
  w.add({
    url: `${API}/api/data/other-user`,
    requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP },
    status: 403,
    responseHeaders: { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' },
    json: { code: 'forbidden' },
  });
  w.add({
    url: `${API}/api/data`,
    requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP },
    status: 500,
    json: { code: 'server_error' },
  });
  const expired = `${accessToken}xx`;
  w.add({
    url: `${API}/api/data`,
    requestHeaders: { Authorization: `Bearer ${expired}`, Origin: APP },
    status: 401,
    responseHeaders: faults.has('401-no-challenge') ? {} : { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    json: { code: 'unauthorized' },
  });
  // Step 20: the app signs in again; the SSO session cookie makes it silent.
  w.add(
    {
      url: `${APP}/`,
      responseHeaders: { 'Content-Type': 'text/html' },
      responseBody: { mimeType: 'text/html', text: '<html>app</html>' },
    },
    30_000,
  );
  const again = await writeLogin(w, keys, 2, { silent: true });
  w.add({
    url: `${API}/api/data`,
    requestHeaders: { Authorization: `Bearer ${again.accessToken}`, Origin: APP },
    responseHeaders: { 'Access-Control-Allow-Origin': APP },
    json: { items: [1, 2] },
  });
  return w.exchanges;
}
