// Builds a realistic code flow + PKCE session (SPA, authorization server, API) as exchanges, signed with a fresh RSA key.
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Exchange, HarFile } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';

const SPA = 'http://web.localhost:8080';
const AS = 'http://login.localhost:8080';
const API = 'http://api.localhost:8080';

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export interface SampleFlowOptions {
  /** Extra claims (or overrides) for the ID token, e.g. hostile values. */
  idTokenClaims?: Record<string, unknown>;
  /** Start time of the session (ISO). */
  start?: string;
  /** Prefix for exchange ids. */
  idPrefix?: string;
  /** Mutates values in the URLs / bodies for hostile sessions. */
  spicy?: string;
}

export function sampleFlow(options: SampleFlowOptions = {}): Exchange[] {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const kid = 'sample-key-1';
  const sign = (payload: Record<string, unknown>) => {
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const body = b64url(JSON.stringify(payload));
    const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(privateKey);
    return `${header}.${body}.${b64url(signature)}`;
  };
  const start = Date.parse(options.start ?? '2026-01-01T10:00:00.000Z');
  const now = Math.floor(start / 1000);
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  const code = b64url(randomBytes(24));
  const redirectUri = `${SPA}/callback`;
  const accessToken = sign({
    iss: AS,
    sub: 'alice',
    aud: API,
    exp: now + 900,
    iat: now + 3,
    scope: 'openid profile api:read',
    client_id: 'spa',
    jti: b64url(randomBytes(8)),
  });
  const atHash = b64url(createHash('sha256').update(accessToken).digest().subarray(0, 16));
  const idToken = sign({
    iss: AS,
    sub: 'alice',
    aud: 'spa',
    exp: now + 3600,
    iat: now + 3,
    auth_time: now + 2,
    nonce,
    at_hash: atHash,
    sid: 's-123',
    name: 'Alice Example',
    ...options.idTokenClaims,
  });
  const spicy = options.spicy ?? '';
  let seq = 0;
  const at = () => new Date(start + seq * 350).toISOString();
  const make = (sketch: Parameters<typeof anExchange>[0]) => {
    const exchange = anExchange({ ...sketch, seq, at: at(), id: `${options.idPrefix ?? 'e'}${seq}` });
    seq += 1;
    return exchange;
  };
  const authorize = `${AS}/authorize?${new URLSearchParams({ client_id: 'spa', redirect_uri: redirectUri, response_type: 'code', scope: 'openid profile api:read', state, nonce, code_challenge: challenge, code_challenge_method: 'S256' })}`;
  const list: Exchange[] = [
    make({
      url: `${SPA}/`,
      responseBody: {
        mimeType: 'text/html',
        text: `<!doctype html><html><head><title>Sample ${spicy}</title><script src="/app.js"></script></head><body><h1>Sample app</h1></body></html>`,
      },
    }),
    make({
      url: `${SPA}/config.json`,
      json: { authority: AS, client_id: 'spa', redirect_uri: redirectUri, api: API, note: spicy },
    }),
    make({
      url: `${SPA}/app.js`,
      responseBody: {
        mimeType: 'application/javascript',
        text: `const config = await fetch('/config.json').then((r) => r.json());\nconsole.info('ready', ${JSON.stringify(spicy)});\n`,
      },
    }),
    make({
      url: `${AS}/.well-known/openid-configuration`,
      json: {
        issuer: AS,
        authorization_endpoint: `${AS}/authorize`,
        token_endpoint: `${AS}/token`,
        userinfo_endpoint: `${AS}/me`,
        jwks_uri: `${AS}/jwks`,
        end_session_endpoint: `${AS}/session/end`,
        code_challenge_methods_supported: ['S256'],
        response_types_supported: ['code'],
      },
      responseHeaders: { 'Access-Control-Allow-Origin': SPA },
    }),
    make({
      url: authorize,
      status: 303,
      responseHeaders: {
        Location: `${AS}/interaction/abc123`,
        'Set-Cookie':
          '_interaction=abc123; path=/interaction/abc123; expires=Thu, 01 Jan 2026 11:00:00 GMT; samesite=lax; httponly',
      },
    }),
    make({
      url: `${AS}/interaction/abc123`,
      responseHeaders: { 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'" },
      responseBody: {
        mimeType: 'text/html',
        text: `<!doctype html><form method="post" action="/interaction/abc123/login"><input name="username"><input name="password" type="password"><button>Sign in</button></form><!-- ${spicy} -->`,
      },
    }),
    make({
      url: `${AS}/interaction/abc123/login`,
      form: { username: 'alice', password: 'wonderland' },
      status: 303,
      responseHeaders: {
        Location: `${AS}/authorize/abc123`,
        'Set-Cookie': '_session=sess-9f8e7d; path=/; expires=Fri, 15 Jan 2026 10:00:00 GMT; samesite=lax; httponly',
      },
    }),
    make({
      url: `${AS}/authorize/abc123`,
      status: 303,
      requestHeaders: { Cookie: '_session=sess-9f8e7d; _interaction=abc123' },
      responseHeaders: { Location: `${redirectUri}?code=${code}&state=${state}&iss=${encodeURIComponent(AS)}` },
    }),
    make({
      url: `${redirectUri}?code=${code}&state=${state}&iss=${encodeURIComponent(AS)}`,
      responseBody: { mimeType: 'text/html', text: '<!doctype html><html><body>Signing in…</body></html>' },
    }),
    make({
      url: `${AS}/token`,
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
        client_id: 'spa',
      },
      requestHeaders: { Origin: SPA },
      responseHeaders: { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': SPA },
      json: {
        access_token: accessToken,
        id_token: idToken,
        token_type: 'Bearer',
        expires_in: 900,
        scope: 'openid profile api:read',
      },
    }),
    make({ url: `${AS}/jwks`, json: { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] } }),
    make({
      url: `${AS}/me`,
      requestHeaders: { Authorization: `Bearer ${accessToken}` },
      json: { sub: 'alice', name: 'Alice Example', note: spicy },
    }),
    make({
      url: `${API}/data`,
      requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: SPA },
      json: { items: [{ id: 1, title: `Report ${spicy}` }] },
    }),
    make({ url: `${AS}/jwks`, channel: 'back-channel', json: { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] } }),
  ];
  return list;
}

export function harOf(exchanges: readonly Exchange[]): HarFile {
  return {
    log: { version: '1.2', creator: { name: 'OAuth Inspector tests', version: '0.1.0' }, entries: [...exchanges] },
  };
}

/** A large synthetic session: `count` exchanges cycling through several sample flows. */
export function bigSession(count: number): Exchange[] {
  const flows = [0, 1, 2].map((i) =>
    sampleFlow({ idPrefix: `f${i}-`, start: new Date(Date.parse('2026-01-01T10:00:00Z') + i * 60_000).toISOString() }),
  );
  const out: Exchange[] = [];
  for (let i = 0; i < count; i++) {
    const flow = flows[i % flows.length]!;
    const base = flow[Math.floor(i / flows.length) % flow.length]!;
    out.push({
      ...base,
      _id: `b${i}`,
      _seq: i,
      startedDateTime: new Date(Date.parse('2026-01-01T10:00:00Z') + i * 20).toISOString(),
    });
  }
  return out;
}
