// Tests for the inspector's HTTP server: strict CSP on every answer, read-only recordings, no path escapes.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSPECTOR_CSP, startInspectorServer, type InspectorServer } from './inspector-server.ts';

let root: string;
let server: InspectorServer;
let missing: InspectorServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oi-inspector-'));
  await mkdir(join(root, 'dist', 'assets'), { recursive: true });
  await mkdir(join(root, 'recordings'), { recursive: true });
  await writeFile(join(root, 'dist', 'index.html'), '<!doctype html><title>inspector</title>');
  await writeFile(join(root, 'dist', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'recordings', 'code-flow.har'), '{"log":{"entries":[]}}');
  await writeFile(join(root, 'secret.txt'), 'nope');
  const source = { session: () => ({ id: 's', name: 's', startedDateTime: '' }), history: async () => [] };
  server = await startInspectorServer({ port: 0, distDir: join(root, 'dist'), recordingsDir: join(root, 'recordings'), token: 't', source });
  missing = await startInspectorServer({ port: 0, distDir: join(root, 'nowhere'), recordingsDir: join(root, 'recordings'), token: 't', source });
});

afterAll(async () => {
  await server?.close();
  await missing?.close();
  await rm(root, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;

describe('inspector server', () => {
  it('serves the app with the strict CSP and nosniff', async () => {
    const res = await fetch(`${base()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(INSPECTOR_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('inspector');
    expect((await fetch(`${base()}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
  });

  it('serves bundled recordings read-only', async () => {
    const res = await fetch(`${base()}/recordings/code-flow.har`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ log: { entries: [] } });
    expect((await fetch(`${base()}/recordings/code-flow.har`, { method: 'PUT', body: 'x' })).status).toBe(405);
    expect((await fetch(`${base()}/recordings/nothing.har`)).status).toBe(404);
  });

  it('never serves files outside its folders', async () => {
    expect((await fetch(`${base()}/recordings/..%2Fsecret.txt`)).status).toBe(404);
    const res = await fetch(`${base()}/..%2Fsecret.txt`);
    expect(await res.text()).not.toContain('nope');
  });

  it('answers only to its loopback host names, so a rebound DNS name gets nothing', async () => {
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: server.port, path: '/recordings/code-flow.har', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await statusFor(`evil.example:${server.port}`)).toBe(421);
    expect(await statusFor(`localhost:${server.port}`)).toBe(200);
    expect(await statusFor(`127.0.0.1:${server.port}`)).toBe(200);
  });

  it('says to run npm run build when the inspector is not built', async () => {
    const res = await fetch(`http://127.0.0.1:${missing.port}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('run npm run build');
    expect(server.url).toBe(`http://localhost:${server.port}/?token=t`);
  });
});
