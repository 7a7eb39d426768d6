// A session with a third-party authorization server (oauth2-mock-server) through the proxy gets the generic track.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, Exchange } from '@oauth-inspector/core';
import { analyze } from '@oauth-inspector/core/analysis/analyze.ts';
import { defaultTrackIdOf } from '@oauth-inspector/core/analysis/track-choice.ts';
import { loadTrack } from '@oauth-inspector/lessons/load-track-node.ts';
import { startStack, type Stack } from '@oauth-inspector/proxy/stack.ts';
import { rawRequest, type RawResponse } from '@oauth-inspector/proxy/testing/servers.ts';

let home: string;
let idp: OAuth2Server;
let app: Server;
let appOrigin: string;
let stack: Stack;
let exchanges: Exchange[];
let analysis: Analysis;

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** One request through the capture proxy, as a client configured with HTTP_PROXY would send it. */
function viaProxy(
  url: string,
  options: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<RawResponse> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers = { ...options.headers, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
  return rawRequest({
    port: stack.proxy.port,
    path: url,
    method: options.method ?? 'GET',
    headers,
    ...(body ? { body } : {}),
  });
}

const json = (r: RawResponse) => JSON.parse(r.body.toString()) as Record<string, string>;

/** A developer's app: a callback page and an API that answers any bearer token (its checks are not the point here). */
function startApp(): Promise<void> {
  app = createServer((req, res) => {
    if (req.url?.startsWith('/api/')) {
      res.statusCode = req.headers.authorization?.startsWith('Bearer ') ? 200 : 401;
      if (res.statusCode === 401) res.setHeader('www-authenticate', 'Bearer');
      res.setHeader('content-type', 'application/json');
      res.end('{"items":[]}');
    } else res.end('signed in');
  });
  return new Promise((resolve) =>
    app.listen(0, '127.0.0.1', () => {
      const address = app.address();
      appOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      resolve();
    }),
  );
}

/** Every protocol step oauth2-mock-server offers, in the order an app would use them. */
async function recordSession(): Promise<void> {
  const issuer = idp.issuer.url!;
  const metadata = json(await viaProxy(`${issuer}/.well-known/openid-configuration`));
  await viaProxy(metadata.jwks_uri!);
  const verifier = base64url(randomBytes(32));
  const redirectUri = `${appOrigin}/callback`;
  const authorize = new URL(metadata.authorization_endpoint!);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: 'my-app',
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state: base64url(randomBytes(16)),
    nonce: base64url(randomBytes(16)),
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(name, value);
  const redirect = await viaProxy(authorize.href);
  const callback = String(redirect.headers.location);
  await viaProxy(callback);
  const code = new URL(callback).searchParams.get('code')!;
  const token = metadata.token_endpoint!;
  const form = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'my-app' };
  const tokens = json(await viaProxy(token, { method: 'POST', form: { ...form, code_verifier: verifier } }));
  const bearer = { authorization: `Bearer ${tokens.access_token}` };
  await viaProxy(metadata.userinfo_endpoint!, { headers: bearer });
  await viaProxy(`${appOrigin}/api/items`, { headers: bearer });
  const refresh = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: 'my-app' };
  await viaProxy(token, { method: 'POST', form: refresh });
  const basic = { authorization: `Basic ${Buffer.from('backend-job:job-secret').toString('base64')}` };
  await viaProxy(token, { method: 'POST', headers: basic, form: { grant_type: 'client_credentials', scope: 'read' } });
  const password = { grant_type: 'password', username: 'ann', password: 'ann-password', client_id: 'old-tool' };
  await viaProxy(token, { method: 'POST', form: password });
  await viaProxy(metadata.introspection_endpoint!, {
    method: 'POST',
    headers: basic,
    form: { token: tokens.access_token! },
  });
  await viaProxy(metadata.revocation_endpoint!, {
    method: 'POST',
    form: { token: tokens.refresh_token!, client_id: 'my-app' },
  });
  const logout = new URL(metadata.end_session_endpoint!);
  logout.searchParams.set('id_token_hint', tokens.id_token!);
  logout.searchParams.set('post_logout_redirect_uri', `${appOrigin}/`);
  await viaProxy(logout.href);
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-generic-'));
  idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(0, '127.0.0.1');
  await startApp();
  stack = await startStack({ port: 0, inspectorPort: null, env: { OAUTH_INSPECTOR_HOME: home } });
  await recordSession();
  exchanges = await stack.session.history();
  analysis = await analyze(exchanges, { track: await loadTrack(defaultTrackIdOf(exchanges)) });
});

afterAll(async () => {
  await stack?.close();
  await idp?.stop();
  await new Promise((resolve) => app?.close(resolve));
  await rm(home, { recursive: true, force: true });
});

describe("a developer's own app with a third-party authorization server", () => {
  it('gets the generic track by default', () => {
    expect(exchanges.length).toBeGreaterThanOrEqual(13);
    expect(defaultTrackIdOf(exchanges)).toBe('generic');
  });

  it("marks no step failed, and sees every step this server's traffic has", () => {
    const status = Object.fromEntries(analysis.steps.map((s) => [s.stepId.replace(/^generic\/\d\d-/, ''), s.status]));
    expect(analysis.steps.filter((s) => s.status === 'failed')).toEqual([]);
    for (const step of [
      'discovery',
      'authorization-request',
      'callback',
      'code-exchange',
      'refresh',
      'client-credentials',
      'password-grant',
      'userinfo',
      'introspection',
      'revocation',
      'api-calls',
      'logout',
    ])
      expect(status[step], step).toBe('seen');
    // The server approves at once: no login page, and no device flow in this session.
    expect(status['login']).toBe('not-seen');
    expect(status['device-code']).toBe('not-seen');
  });
});
