// Tests of the sample world launcher: scenarios switch at run time, the SPA server and clear start-up errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp } from '@oauth-inspector/auth-server/testing/http-login.ts';
import { decodeJwt } from 'jose';
import { SCENARIOS, SHORT_TOKEN_LIFETIME_SECONDS } from './scenarios.ts';
import { startSampleWorld, type SampleWorld } from './start-sample-world.ts';

const ORIGINS = {
  web: 'http://web.localhost:8080',
  api: 'http://api.localhost:8080',
  login: 'http://login.localhost:8080',
};
let dataDir: string;
let world: SampleWorld;
const logs: string[] = [];

/** Requests an upstream as the gateway would: real address, public Host header kept (fetch cannot set Host). */
function viaGateway(
  upstream: string,
  publicOrigin: string,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${upstream}${path}`,
      { method: init.method ?? 'GET', headers: { ...init.headers, host: new URL(publicOrigin).host } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers))
            if (typeof value === 'string') headers.set(name, value);
          resolve(
            new Response(response.statusCode === 204 ? null : Buffer.concat(chunks), {
              status: response.statusCode ?? 0,
              headers,
            }),
          );
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sample-world-test-'));
  world = await startSampleWorld({ origins: ORIGINS, listen: 'internal', dataDir, log: (line) => logs.push(line) });
});
afterAll(async () => {
  await world?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('startSampleWorld', () => {
  it('listens on loopback ephemeral ports in internal mode and lists every scenario', () => {
    for (const upstream of Object.values(world.upstreams)) expect(upstream).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(world.scenario).toBe('default');
    expect(world.scenarios.map((s) => s.id)).toEqual([
      'default',
      'invalid-scope',
      'bad-jwks-url',
      'wrong-audience',
      'bad-introspection-secret',
      'introspection',
      'short-token-lifetime',
      'unknown-client',
      'unregistered-redirect-uri',
      'other-users-item',
      'jwks-cache',
      'legacy',
    ]);
    expect(world.scenarios.every((s) => s.title.length > 10)).toBe(true);
  });

  it('serves the SPA configuration for the public origins and changes the scope with the scenario', async () => {
    const read = async () =>
      (await (await viaGateway(world.upstreams.web, ORIGINS.web, '/spa.config.json')).json()) as {
        oauth: { scope: string };
      };
    expect(await read()).toEqual({
      app: { webOrigin: ORIGINS.web, apiBaseUrl: `${ORIGINS.api}/api` },
      oauth: {
        authority: ORIGINS.login,
        clientId: 'sample-spa',
        redirectUri: `${ORIGINS.web}/callback`,
        postLogoutRedirectUri: `${ORIGINS.web}/`,
        scope: 'openid profile',
      },
    });
    await world.setScenario('invalid-scope');
    try {
      expect((await read()).oauth.scope).toBe('openid profile xxx');
      expect(world.scenario).toBe('invalid-scope');
    } finally {
      await world.setScenario('default');
    }
  });

  it('tells the SPA an unknown client id, an unregistered redirect URI or which items to ask for by id, per scenario', async () => {
    const read = async () =>
      (await (await viaGateway(world.upstreams.web, ORIGINS.web, '/spa.config.json')).json()) as {
        app: Record<string, unknown>;
        oauth: { clientId: string; redirectUri: string };
      };
    try {
      await world.setScenario('unknown-client');
      expect((await read()).oauth.clientId).toBe('unknown-spa');
      await world.setScenario('unregistered-redirect-uri');
      expect((await read()).oauth.redirectUri).toBe(`${ORIGINS.web}/callbackxxx`);
      await world.setScenario('other-users-item');
      expect((await read()).app.openItemId).toBe('b-1');
      await world.setScenario('jwks-cache');
      expect((await read()).app.itemDetails).toBe(true);
    } finally {
      await world.setScenario('default');
    }
    expect((await read()).app).toEqual({ webOrigin: ORIGINS.web, apiBaseUrl: `${ORIGINS.api}/api` });
  });

  it('serves the legacy page with the implicit client in the legacy scenario, and the code-flow app again after it', async () => {
    const page = async () => (await viaGateway(world.upstreams.web, ORIGINS.web, '/callback')).text();
    const config = async () =>
      (await (await viaGateway(world.upstreams.web, ORIGINS.web, '/spa.config.json')).json()) as {
        oauth: { clientId: string; responseType?: string };
      };
    await world.setScenario('legacy');
    try {
      expect(await page()).toContain('<title>Sample legacy SPA (implicit flow)</title>');
      expect((await config()).oauth).toMatchObject({ clientId: 'sample-legacy-spa', responseType: 'id_token token' });
    } finally {
      await world.setScenario('default');
    }
    expect(await page()).toContain('<title>Sample SPA</title>');
    expect((await config()).oauth.responseType).toBeUndefined();
  });

  it('serves index.html for SPA routes with a CSP limited to the three origins, and refuses path escapes', async () => {
    const deepLink = await viaGateway(world.upstreams.web, ORIGINS.web, '/callback?code=x');
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('data-testid="error-panel"');
    expect(deepLink.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${ORIGINS.login} ${ORIGINS.api};`,
    );
    const escape = await viaGateway(world.upstreams.web, ORIGINS.web, '/..%2f..%2fpackage.json');
    expect(escape.status).toBe(404);
  });

  it('publishes the login origin as issuer behind a Host-keeping gateway', async () => {
    const discovery = (await (
      await viaGateway(world.upstreams.login, ORIGINS.login, '/.well-known/openid-configuration')
    ).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(ORIGINS.login);
    expect(discovery.userinfo_endpoint).toBe(`${ORIGINS.login}/me`);
  });

  it('switches the API to introspection and a wrong secret at run time', async () => {
    await world.setScenario('bad-introspection-secret');
    try {
      logs.length = 0;
      const response = await viaGateway(world.upstreams.api, ORIGINS.api, '/api/items', {
        headers: { authorization: 'Bearer some-opaque-token' },
      });
      // Node cannot resolve login.localhost and no back-channel proxy is set: the API reports its own failure as 500.
      expect(response.status).toBe(500);
      const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.find((l) => l.type === 'back-channel')).toMatchObject({
        call: 'introspection',
        url: `${ORIGINS.login}/token/introspection`,
      });
      expect(lines.find((l) => l.type === 'request')).toMatchObject({ validation: 'introspection', status: 500 });
    } finally {
      await world.setScenario('default');
    }
  });

  it('logs the API configuration file of each scenario (bad-jwks-url shows the wrong endpoint)', async () => {
    logs.length = 0;
    await world.setScenario('bad-jwks-url');
    await world.setScenario('default');
    const configs = logs
      .map(
        (line) => JSON.parse(line) as { type: string; scenario: string; config: { oauth: { jwksEndpoint: string } } },
      )
      .filter((l) => l.type === 'config');
    expect(configs.map((c) => [c.scenario, c.config.oauth.jwksEndpoint])).toEqual([
      ['bad-jwks-url', `${ORIGINS.login}/jwksxxx`],
      ['default', `${ORIGINS.login}/jwks`],
    ]);
  });

  it('refuses an unknown scenario with a clear message and keeps the current one', async () => {
    await expect(world.setScenario('nope' as never)).rejects.toMatchObject({
      name: 'InspectorError',
      code: 'unknown-scenario',
      message: expect.stringContaining('use one of default, invalid-scope'),
    });
    expect(world.scenario).toBe('default');
    expect(SCENARIOS).toHaveLength(12);
  });

  it('says which port is taken when a public port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startSampleWorld({
          origins: { web: 'http://localhost:1', api: 'http://localhost:2', login: `http://localhost:${port}` },
          listen: 'public',
          dataDir,
          log: () => undefined,
        }),
      ).rejects.toMatchObject({
        name: 'InspectorError',
        code: 'port-in-use',
        message: `Port ${port} on 127.0.0.1 (authorization server) is already in use: stop whatever uses it or choose another port.`,
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("starts standalone on the origins' own ports and issues short-lived tokens in short-token-lifetime", async () => {
    // Hold three listeners at once so the ports are distinct, then release them for the world.
    const holders = [createServer(), createServer(), createServer()];
    await Promise.all(holders.map((h) => new Promise<void>((resolve) => h.listen(0, '127.0.0.1', resolve))));
    const ports = holders.map((h) => (h.address() as { port: number }).port);
    await Promise.all(holders.map((h) => new Promise((resolve) => h.close(resolve))));
    const [web, api, login] = ports.map((port) => `http://localhost:${port}`) as [string, string, string];
    const standalone = await startSampleWorld({
      origins: { web, api, login },
      listen: 'public',
      dataDir,
      scenario: 'short-token-lifetime',
      accessTokenLifetimeSeconds: 600,
      log: () => undefined,
    });
    try {
      expect(standalone.upstreams.login).toBe(`http://127.0.0.1:${ports[2]}`);
      const lifetime = async () => {
        const { tokens } = await signInOverHttp({
          base: login,
          issuer: login,
          clientId: 'sample-spa',
          redirectUri: `${web}/callback`,
          username: 'alice',
          password: 'alice-password',
        });
        const claims = decodeJwt(tokens.access_token);
        return (claims.exp as number) - (claims.iat as number);
      };
      expect(await lifetime()).toBe(SHORT_TOKEN_LIFETIME_SECONDS);
      await standalone.setScenario('default');
      expect(await lifetime()).toBe(600);
    } finally {
      await standalone.close();
    }
  });
});
