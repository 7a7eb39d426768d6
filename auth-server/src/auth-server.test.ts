// Integration tests of the authorization server over real HTTP on an ephemeral port.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type AuthServer } from './start-auth-server.ts';
import { browserLike, pkcePair, signInOverHttp } from './testing/http-login.ts';

const WEB = 'http://localhost:5173';
const AUDIENCE = 'http://localhost:5174/api';
const REDIRECT = `${WEB}/callback`;
let server: AuthServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'auth-server-test-'));
  // 'public'-style listen: the issuer is the real address, so fetch can follow it.
  server = await startAuthServer({ issuer: 'http://127.0.0.1:0', webOrigin: WEB, apiAudience: AUDIENCE, dataDir }).then(
    async (probe) => {
      const port = new URL(probe.url).port;
      await probe.close();
      return startAuthServer({
        issuer: `http://127.0.0.1:${port}`,
        port: Number(port),
        webOrigin: WEB,
        apiAudience: AUDIENCE,
        dataDir,
      });
    },
  );
});
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL('/auth', server.issuer);
  url.search = new URLSearchParams({
    client_id: 'sample-spa',
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    state: 's-1',
    ...params,
  }).toString();
  return url.href;
}

const signIn = (username = 'alice', password = `${username}-password`) =>
  signInOverHttp({
    base: server.url,
    issuer: server.issuer,
    clientId: 'sample-spa',
    redirectUri: REDIRECT,
    username,
    password,
  });

describe('auth-server', () => {
  it('publishes discovery with the endpoints, PKCE S256 and introspection the lessons rely on', async () => {
    const response = await fetch(`${server.url}/.well-known/openid-configuration`, { headers: { origin: WEB } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(WEB);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: server.issuer,
      authorization_endpoint: `${server.issuer}/auth`,
      token_endpoint: `${server.issuer}/token`,
      jwks_uri: `${server.issuer}/jwks`,
      userinfo_endpoint: `${server.issuer}/me`,
      introspection_endpoint: `${server.issuer}/token/introspection`,
      end_session_endpoint: `${server.issuer}/session/end`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code', 'id_token token'], // the second for the legacy implicit client only
    });
    expect(doc.scopes_supported).toEqual(['openid', 'profile']);
  });

  it('refuses an authorization request without PKCE with an error redirect', async () => {
    const { response } = await browserLike(server.url, server.issuer).follow(authorizeUrl({}));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') as string);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toBe(
      'Authorization Server policy requires PKCE to be used for this request',
    );
    expect(location.searchParams.get('state')).toBe('s-1');
  });

  it('answers an unknown scope with error=invalid_scope, a description and the state', async () => {
    const { challenge } = pkcePair();
    const { response } = await browserLike(server.url, server.issuer).follow(
      authorizeUrl({ scope: 'openid profile xxx', code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') as string);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('error_description')).toBe('the scope xxx is not supported by this server');
    expect(location.searchParams.get('state')).toBe('s-1');
  });

  it('renders an error page, not a redirect, for an unregistered redirect URI', async () => {
    const { challenge } = pkcePair();
    const { response } = await browserLike(server.url, server.issuer).follow(
      authorizeUrl({
        redirect_uri: 'http://evil.example/cb',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_redirect_uri');
  });

  it('renders an error page for an unknown client', async () => {
    const { challenge } = pkcePair();
    const { response } = await browserLike(server.url, server.issuer).follow(
      authorizeUrl({ client_id: 'nobody', code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<code data-testid="op-error">invalid_client</code>');
  });

  it('shows the login page with the test users and rejects a wrong password', async () => {
    const { challenge } = pkcePair();
    const browser = browserLike(server.url, server.issuer);
    const page = await browser.follow(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
    const html = await page.response.text();
    expect(html).toContain('alice-password');
    // RFC 9700 §4.16: the login page refuses to be framed by another site.
    expect(page.response.headers.get('x-frame-options')).toBe('DENY');
    expect(page.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const action = /action="([^"]+)"/.exec(html)?.[1] as string;
    const wrong = await browser.follow(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=alice&password=nope',
    });
    expect(wrong.response.status).toBe(200);
    expect(await wrong.response.text()).toContain('Wrong username or password.');
  });

  it('issues a JWT access token for the API and an ID token without personal data', async () => {
    const { tokens } = await signIn();
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({
      iss: server.issuer,
      aud: AUDIENCE,
      scope: 'openid profile',
      client_id: 'sample-spa',
      sub: 'a6b1c2d3-0001-4000-8000-000000000001',
    });
    expect((access.exp as number) - (access.iat as number)).toBe(900);
    const id = decodeJwt(tokens.id_token);
    expect(id.aud).toBe('sample-spa');
    expect(id.name).toBeUndefined();
    expect(tokens).not.toHaveProperty('refresh_token');
  });

  it('serves userinfo for the very access token the SPA received (step 13)', async () => {
    const { tokens } = await signIn('bob');
    const response = await fetch(`${server.url}/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, origin: WEB },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(WEB);
    expect(await response.json()).toEqual({
      sub: 'b6b1c2d3-0002-4000-8000-000000000002',
      name: 'Bob Brown',
      given_name: 'Bob',
      family_name: 'Brown',
      preferred_username: 'bob',
    });
    const tampered = await fetch(`${server.url}/me`, { headers: { authorization: `Bearer ${tokens.access_token}x` } });
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('www-authenticate')).toMatch(/^Bearer realm="userinfo", error="invalid_token"/);
  });

  it('signs in silently a second time thanks to the SSO session cookie', async () => {
    const { browser } = await signIn();
    const { challenge } = pkcePair();
    const again = await browser.follow(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
    expect(again.response.status).toBe(303);
    expect(new URL(again.response.headers.get('location') as string).searchParams.get('code')).toBeTruthy();
  });

  it('introspects an opaque token for the API with the right secret and refuses a wrong one', async () => {
    server.configure({ accessTokenFormat: 'opaque' });
    try {
      const { tokens } = await signIn();
      const introspect = (secret: string) =>
        fetch(`${server.url}/token/introspection`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`sample-api:${secret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ token: tokens.access_token }).toString(),
        });
      const right = await introspect('sample-api-secret');
      expect(right.status).toBe(200);
      expect(await right.json()).toMatchObject({
        active: true,
        sub: 'a6b1c2d3-0001-4000-8000-000000000001',
        aud: AUDIENCE,
        scope: 'openid profile',
        client_id: 'sample-spa',
      });
      const wrong = await introspect('wrong-secret');
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    } finally {
      server.configure({ accessTokenFormat: 'jwt' });
    }
  });

  it('reads the access token lifetime at issue time', async () => {
    server.configure({ accessTokenLifetimeSeconds: 5 });
    try {
      const access = decodeJwt((await signIn()).tokens.access_token);
      expect((access.exp as number) - (access.iat as number)).toBe(5);
    } finally {
      server.configure({ accessTokenLifetimeSeconds: 900 });
    }
  });
});
