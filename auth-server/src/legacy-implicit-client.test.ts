// The legacy implicit client over real HTTP: `id_token token` in the fragment, at_hash, nonce, and the http allowance for it alone.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type AuthServer } from './start-auth-server.ts';
import { LEGACY_SPA_CLIENT_ID } from './legacy-implicit-client.ts';
import { browserLike } from './testing/http-login.ts';

const WEB = 'http://web.localhost:5173';
const AUDIENCE = 'http://api.localhost:5174/api';
let server: AuthServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'auth-server-legacy-'));
  const probe = await startAuthServer({ issuer: 'http://127.0.0.1:0', webOrigin: WEB, apiAudience: AUDIENCE, dataDir });
  const port = new URL(probe.url).port;
  await probe.close();
  server = await startAuthServer({
    issuer: `http://127.0.0.1:${port}`,
    port: Number(port),
    webOrigin: WEB,
    apiAudience: AUDIENCE,
    dataDir,
    accessTokenFormat: 'opaque',
  });
});
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function implicitUrl(params: Record<string, string> = {}): string {
  const url = new URL('/auth', server.issuer);
  url.search = new URLSearchParams({
    client_id: LEGACY_SPA_CLIENT_ID,
    response_type: 'id_token token',
    redirect_uri: `${WEB}/callback`,
    scope: 'openid profile',
    state: 'legacy-state',
    nonce: 'legacy-nonce',
    ...params,
  }).toString();
  return url.href;
}

/** Signs in through the login form and returns the final redirect's fragment. */
async function signInImplicit(params: Record<string, string> = {}) {
  const browser = browserLike(server.url, server.issuer);
  const page = await browser.follow(implicitUrl(params));
  const html = await page.response.text();
  const action = /action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form: ${html.slice(0, 300)}`);
  const done = await browser.follow(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'alice', password: 'alice-password' }).toString(),
  });
  return new URLSearchParams(new URL(done.url).hash.slice(1));
}

describe('legacy implicit client', () => {
  it('returns the access token and an ID token with nonce and at_hash in the fragment of an http redirect URI', async () => {
    const fragment = await signInImplicit();
    const accessToken = fragment.get('access_token')!;
    expect(accessToken).toBeTruthy();
    expect(accessToken.split('.')).toHaveLength(1); // opaque: the API introspects it
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(Number(fragment.get('expires_in'))).toBeGreaterThan(0);
    expect(fragment.get('state')).toBe('legacy-state');
    const claims = decodeJwt(fragment.get('id_token')!);
    expect(claims.nonce).toBe('legacy-nonce');
    expect(claims.aud).toBe(LEGACY_SPA_CLIENT_ID);
    const digest = createHash('sha256').update(accessToken).digest();
    expect(claims.at_hash).toBe(digest.subarray(0, 16).toString('base64url'));
  });

  it('answers an unknown scope with invalid_scope in the fragment, not an error page', async () => {
    const browser = browserLike(server.url, server.issuer);
    const { url } = await browser.follow(implicitUrl({ scope: 'openid profile xxx' }));
    const fragment = new URLSearchParams(new URL(url).hash.slice(1));
    expect(url.startsWith(`${WEB}/callback#`)).toBe(true);
    expect(fragment.get('error')).toBe('invalid_scope');
    expect(fragment.get('state')).toBe('legacy-state');
  });

  it('still refuses the implicit response type for the code-flow client', async () => {
    const browser = browserLike(server.url, server.issuer);
    const { url } = await browser.follow(implicitUrl({ client_id: 'sample-spa' }));
    const params = new URL(url);
    const answer = new URLSearchParams(params.hash ? params.hash.slice(1) : params.search);
    expect(answer.get('error')).toBeTruthy();
    expect(answer.get('access_token')).toBeNull();
  });
});
