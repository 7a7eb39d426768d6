// Integration tests of the sample API over real HTTP: token validation outcomes, CORS, per-user data, logs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSampleApi, type SampleApi } from './start-sample-api.ts';

const ISSUER = 'http://login.test';
const AUDIENCE = 'http://api.test/api';
const WEB = 'http://web.test';
const ALICE = 'a6b1c2d3-0001-4000-8000-000000000001';
const NOW = new Date('2026-01-01T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let privateKey: CryptoKey;
let jwksServer: Server;
let jwksUrl: string;
let api: SampleApi;
const logs: string[] = [];

async function token(
  overrides: { iss?: string; aud?: string; exp?: number; sub?: string } = {},
  key: CryptoKey = privateKey,
): Promise<string> {
  return new SignJWT({ scope: 'openid profile', client_id: 'sample-spa' })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'at+jwt' })
    .setSubject(overrides.sub ?? ALICE)
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setIssuedAt(nowSeconds - 60)
    .setExpirationTime(overrides.exp ?? nowSeconds + 840)
    .sign(key);
}

const get = (path: string, authorization?: string) =>
  fetch(`${api.url}${path}`, { headers: { origin: WEB, ...(authorization ? { authorization } : {}) } });

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
  api = await startSampleApi({
    trustedOrigins: [WEB],
    validation: { mode: 'jwt', jwksUrl, issuer: ISSUER, audience: AUDIENCE },
    now: () => NOW,
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await api?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

async function expect401(response: Response, description: string | RegExp): Promise<void> {
  expect(response.status).toBe(401);
  const header = response.headers.get('www-authenticate') as string;
  expect(header).toMatch(/^Bearer realm="sample-api", error="invalid_token", error_description="/);
  expect(/error_description="([^"]*)"/.exec(header)?.[1]).toMatch(description);
  expect(response.headers.get('access-control-allow-origin')).toBe(WEB);
  expect(await response.json()).toEqual({ code: 'unauthorized', message: 'Missing, invalid or expired access token' });
}

describe('sample-api', () => {
  it("returns only the caller's items for a valid token, with CORS for the SPA", async () => {
    const response = await get('/api/items', `Bearer ${await token()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(WEB);
    expect(response.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate');
    const body = (await response.json()) as { items: { id: string }[] };
    expect(body.items.map((item) => item.id)).toEqual(['a-1', 'a-2']);
  });

  it('downloads the JWKS once and reuses the cached keys (step 16)', async () => {
    api.configure({ validation: { mode: 'jwt', jwksUrl, issuer: ISSUER, audience: AUDIENCE } });
    logs.length = 0;
    expect((await get('/api/items', `Bearer ${await token()}`)).status).toBe(200);
    expect((await get('/api/items', `Bearer ${await token()}`)).status).toBe(200);
    const jwksCalls = logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.type === 'back-channel');
    expect(jwksCalls).toEqual([expect.objectContaining({ call: 'jwks', method: 'GET', url: jwksUrl, status: 200 })]);
  });

  it('answers a preflight from the SPA and refuses to grant other origins', async () => {
    const preflight = await fetch(`${api.url}/api/items`, {
      method: 'OPTIONS',
      headers: {
        origin: WEB,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(WEB);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, X-Correlation-Id');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET');
    const other = await fetch(`${api.url}/api/items`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a missing token with 401 and a challenge without error code (RFC 6750 §3.1)', async () => {
    const response = await get('/api/items');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="sample-api"');
    expect(await response.json()).toEqual({ code: 'unauthorized', message: 'No access token was supplied' });
  });

  it('answers a tampered signature with 401 invalid_token', async () => {
    const good = await token();
    const [header, payload] = good.split('.');
    const other = await generateKeyPair('RS256');
    const forged = (await token({}, other.privateKey)).split('.')[2];
    await expect401(await get('/api/items', `Bearer ${header}.${payload}.${forged}`), 'signature verification failed');
  });

  it('answers a token corrupted like Expire Token does with 401', async () => {
    await expect401(await get('/api/items', `Bearer ${await token()}x`), /signature verification failed|Invalid/i);
  });

  it('answers an expired token with 401 according to the API clock', async () => {
    await expect401(
      await get('/api/items', `Bearer ${await token({ exp: nowSeconds - 1 })}`),
      "'exp' claim timestamp check failed",
    );
  });

  it('answers a token for another audience with 401', async () => {
    await expect401(
      await get('/api/items', `Bearer ${await token({ aud: 'http://other.test' })}`),
      "unexpected 'aud' claim value",
    );
  });

  it('answers a token from another issuer with 401', async () => {
    await expect401(
      await get('/api/items', `Bearer ${await token({ iss: 'http://evil.test' })}`),
      "unexpected 'iss' claim value",
    );
  });

  it("answers 404 for another user's item so ids cannot be probed", async () => {
    const bobsItem = await get('/api/items/b-1', `Bearer ${await token()}`);
    expect(bobsItem.status).toBe(404);
    expect(await bobsItem.json()).toEqual({ code: 'not_found', message: 'No such item' });
    const own = await get('/api/items/a-1', `Bearer ${await token()}`);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: 'a-1' });
  });

  it('answers 404 "No such API route" for an unknown route, logging a missing item only for an item id', async () => {
    logs.length = 0;
    const unknown = await get('/api/other', `Bearer ${await token()}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 'not_found', message: 'No such API route' });
    expect((await get('/api/items/none', `Bearer ${await token()}`)).status).toBe(404);
    const errors = logs
      .map((line) => JSON.parse(line) as { path: string; error?: { code: string } })
      .map((l) => [l.path, l.error?.code]);
    expect(errors).toEqual([
      ['/api/other', undefined],
      ['/api/items/none', 'not_found'],
    ]);
  });

  it('answers 500 with an error id, area and time when the JWKS cannot be downloaded, and logs the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    api.configure({
      validation: { mode: 'jwt', jwksUrl: `http://127.0.0.1:${deadPort}/jwks`, issuer: ISSUER, audience: AUDIENCE },
    });
    try {
      logs.length = 0;
      const response = await get('/api/items', `Bearer ${await token()}`);
      expect(response.status).toBe(500);
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(response.headers.get('access-control-allow-origin')).toBe(WEB);
      const body = (await response.json()) as Record<string, string>;
      expect(body).toEqual({
        code: 'server_error',
        message: 'A technical problem occurred in the API',
        area: 'api',
        errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        utcTime: NOW.toISOString(),
      });
      const lines = logs.map((line) => JSON.parse(line) as Record<string, any>);
      expect(lines.find((l) => l.type === 'back-channel')).toMatchObject({ call: 'jwks', error: 'ECONNREFUSED' });
      expect(lines.find((l) => l.type === 'request')).toMatchObject({
        status: 500,
        error: { code: 'jwks_download_failed', errorId: body.errorId },
      });
    } finally {
      api.configure({ validation: { mode: 'jwt', jwksUrl, issuer: ISSUER, audience: AUDIENCE } });
    }
  });

  it('writes one readable JSON log line per request with the error detail behind a 401', async () => {
    logs.length = 0;
    await get('/api/items', `Bearer ${await token({ aud: 'http://other.test' })}`);
    const requests = logs.map((line) => JSON.parse(line) as Record<string, any>).filter((l) => l.type === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      source: 'sample-api',
      method: 'GET',
      path: '/api/items',
      status: 401,
      validation: 'jwt',
      error: { code: 'invalid_token', detail: 'unexpected "aud" claim value' },
    });
  });
});

describe('sample-api in introspection mode', () => {
  let introspection: Server;
  let introspectionUrl: string;
  beforeAll(async () => {
    introspection = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const good = req.headers.authorization === `Basic ${Buffer.from('sample-api:right').toString('base64')}`;
        if (!good) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'invalid_client' }));
          return;
        }
        const token = new URLSearchParams(Buffer.concat(chunks).toString()).get('token');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            token === 'opaque-ok'
              ? { active: true, sub: ALICE, iss: ISSUER, aud: AUDIENCE, scope: 'openid profile', exp: nowSeconds + 60 }
              : { active: false },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => introspection.listen(0, '127.0.0.1', resolve));
    introspectionUrl = `http://127.0.0.1:${(introspection.address() as AddressInfo).port}/token/introspection`;
  });
  afterAll(async () => {
    api.configure({ validation: { mode: 'jwt', jwksUrl, issuer: ISSUER, audience: AUDIENCE } });
    await new Promise((resolve) => introspection?.close(resolve));
  });
  const mode = (secret: string) =>
    api.configure({
      validation: {
        mode: 'introspection',
        introspectionUrl,
        clientId: 'sample-api',
        clientSecret: secret,
        issuer: ISSUER,
        audience: AUDIENCE,
      },
    });

  it('accepts an active token and logs the introspection call', async () => {
    mode('right');
    logs.length = 0;
    const response = await get('/api/items', 'Bearer opaque-ok');
    expect(response.status).toBe(200);
    expect(logs.map((l) => JSON.parse(l)).find((l) => l.type === 'back-channel')).toMatchObject({
      call: 'introspection',
      method: 'POST',
      url: introspectionUrl,
      status: 200,
    });
  });

  it('answers an inactive token with 401', async () => {
    mode('right');
    await expect401(await get('/api/items', 'Bearer opaque-gone'), 'the access token is not active');
  });

  it('answers a wrong API secret with 500, not 401, so the SPA does not loop', async () => {
    mode('wrong');
    const response = await get('/api/items', 'Bearer opaque-ok');
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 'server_error', area: 'api' });
  });
});
