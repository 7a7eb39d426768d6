// Integration tests for the capture proxy with real servers on loopback: forward, gateway, bodies, failures, WebSocket.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import WebSocket, { WebSocketServer } from 'ws';
import type { Exchange } from '@oauth-inspector/core';
import { openLocalCa, type LocalCa } from '../ca/local-ca.ts';
import {
  comparableHeaders,
  rawRequest,
  startHttpServer,
  startHttpsServer,
  type TestServer,
} from '../testing/servers.ts';
import { silenceLibraryChatter, startCaptureProxy, type CaptureEvent, type CaptureProxy } from './capture-proxy.ts';

const JSON_BODY = JSON.stringify({
  issuer: 'http://login.example',
  keys: Array.from({ length: 50 }, (_, i) => ({ kid: `k${i}` })),
});
const BIG = Buffer.alloc(10 * 1024 * 1024, 'a');
/** 40 MB of zeros, about 40 KB on the wire once gzipped: more than the 16 MiB a record may inflate to. */
const BOMB = gzipSync(Buffer.alloc(40 * 1024 * 1024));
/** 1 MB of JSON-ish text, gzipped: over the test's 64 KiB cap once decoded, a normal body all the same. */
const LARGE_JSON = Buffer.from(
  JSON.stringify({ items: Array.from({ length: 20_000 }, () => ({ id: 1, name: 'item' })) }),
);

let home: string;
let ca: LocalCa;
let origin: TestServer;
let secureOrigin: TestServer;
let proxy: CaptureProxy;
const events: CaptureEvent[] = [];

function completedFor(path: string, timeoutMs = 5000): Promise<Exchange> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = events.find((e) => e.type !== 'started' && new URL(e.exchange.request.url).pathname === path);
      if (found) return resolve(found.exchange);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no finished exchange for ${path}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-capture-'));
  ca = await openLocalCa(join(home, 'ca'));
  origin = await startHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/json') {
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; HttpOnly']);
      res.end(JSON_BODY);
    } else if (url.pathname.startsWith('/enc/')) {
      const coding = url.pathname.slice(5);
      const raw = Buffer.from(JSON_BODY);
      const body =
        coding === 'gzip' ? gzipSync(raw) : coding === 'deflate' ? deflateSync(raw) : brotliCompressSync(raw);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': coding,
        'content-length': body.length,
      });
      res.end(body);
    } else if (url.pathname === '/large-gzip') {
      const body = gzipSync(LARGE_JSON);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': body.length,
      });
      res.end(body);
    } else if (url.pathname === '/bomb') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': BOMB.length,
      });
      res.end(BOMB);
    } else if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BIG.length });
      res.end(BIG);
    } else if (url.pathname === '/binary') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from([0, 1, 2, 255, 254]));
    } else if (url.pathname === '/echo') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.setHeader('content-type', 'text/plain');
        res.end(`got ${Buffer.concat(chunks).length} bytes for ${req.headers.host}`);
      });
    } else {
      res.setHeader('content-type', 'text/plain');
      res.end(`hello from ${req.headers.host}${req.url}`);
    }
  });
  new WebSocketServer({ server: origin.server }).on('connection', (socket) => {
    socket.on('message', (data) => socket.send(`echo:${data.toString()}`));
  });
  secureOrigin = await startHttpsServer(ca, (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ secure: true, path: req.url }));
  });
  proxy = await startCaptureProxy({ ca, port: 0, bodyCap: 64 * 1024, onEvent: (e) => events.push(e) });
  proxy.setGateway([{ host: 'web.localhost:8080', upstream: origin.origin }]);
});

afterAll(async () => {
  await proxy?.close();
  await origin?.close();
  await secureOrigin?.close();
  await rm(home, { recursive: true, force: true });
});

describe('forward proxy', () => {
  it('relays HTTP unchanged and records the exchange with headers, cookies and body', async () => {
    const direct = await rawRequest({ port: origin.port, path: '/json' });
    const proxied = await rawRequest({
      port: proxy.port,
      path: `${origin.origin}/json`,
      headers: { host: `127.0.0.1:${origin.port}` },
    });
    expect(proxied.status).toBe(direct.status);
    expect(comparableHeaders(proxied.headers)).toEqual(comparableHeaders(direct.headers));
    expect(proxied.body.equals(direct.body)).toBe(true);
    const ex = await completedFor('/json');
    expect(ex._state).toBe('complete');
    expect(ex._channel).toBe('back-channel');
    expect(ex.request.url).toBe(`${origin.origin}/json`);
    expect(ex.response.status).toBe(200);
    expect(ex.response.content.text).toBe(JSON_BODY);
    expect(ex.response.cookies.map((c) => c.name)).toEqual(['a', 'b']);
    expect(ex.response.headers.filter((h) => h.name.toLowerCase() === 'set-cookie')).toHaveLength(2);
    expect(ex.serverIPAddress).toBe('127.0.0.1');
  });

  it('intercepts HTTPS through CONNECT with a certificate from the local CA', async () => {
    const dispatcher = new ProxyAgent({ uri: proxy.url, requestTls: { ca: ca.caCertPem } });
    const res = await undiciFetch(`https://127.0.0.1:${secureOrigin.port}/secure?x=1`, { dispatcher });
    expect(await res.json()).toEqual({ secure: true, path: '/secure?x=1' });
    await dispatcher.close();
    const ex = await completedFor('/secure');
    expect(ex.request.url).toBe(`https://127.0.0.1:${secureOrigin.port}/secure?x=1`);
    expect(ex.request.queryString).toEqual([{ name: 'x', value: '1' }]);
    expect(ex._channel).toBe('back-channel');
  });

  it('marks requests that carry browser Fetch Metadata as the browser channel', async () => {
    await rawRequest({
      port: proxy.port,
      path: `${origin.origin}/from-browser`,
      headers: { 'sec-fetch-site': 'none', 'sec-fetch-dest': 'document' },
    });
    expect((await completedFor('/from-browser'))._channel).toBe('browser');
  });

  it('records a request body and relays it', async () => {
    const body = 'grant_type=authorization_code&code=abc';
    const res = await rawRequest({
      port: proxy.port,
      path: `${origin.origin}/echo`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.body.toString()).toContain(`got ${body.length} bytes`);
    const ex = await completedFor('/echo');
    expect(ex.request.postData).toEqual({ mimeType: 'application/x-www-form-urlencoded', text: body });
    expect(ex.request.bodySize).toBe(body.length);
  });

  it('keeps binary bodies as base64', async () => {
    await rawRequest({ port: proxy.port, path: `${origin.origin}/binary` });
    const ex = await completedFor('/binary');
    expect(ex.response.content.encoding).toBe('base64');
    expect(Buffer.from(ex.response.content.text ?? '', 'base64')).toEqual(Buffer.from([0, 1, 2, 255, 254]));
  });
});

describe('gateway', () => {
  it('retargets a sample origin host name to its upstream and records it as the browser channel', async () => {
    const res = await rawRequest({ port: proxy.port, path: '/page?a=b', headers: { host: 'web.localhost:8080' } });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello from web.localhost:8080/page?a=b');
    const ex = await completedFor('/page');
    expect(ex.request.url).toBe('http://web.localhost:8080/page?a=b');
    expect(ex._channel).toBe('browser');
  });

  it('retargets forward-proxied requests for the same host names', async () => {
    const res = await rawRequest({
      port: proxy.port,
      path: 'http://web.localhost:8080/jwks-like',
      headers: { host: 'web.localhost:8080' },
    });
    expect(res.body.toString()).toBe('hello from web.localhost:8080/jwks-like');
    expect((await completedFor('/jwks-like'))._channel).toBe('back-channel');
  });

  it('answers a request addressed to the proxy itself instead of looping', async () => {
    const res = await rawRequest({ port: proxy.port, path: '/', headers: { host: `127.0.0.1:${proxy.port}` } });
    expect(res.status).toBe(404);
    expect(res.body.toString()).toContain('OAuth Inspector proxy');
  });

  it('passes WebSocket connections through', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${proxy.port}/socket`, { headers: { host: 'web.localhost:8080' } });
    const reply = await new Promise<string>((resolve, reject) => {
      socket.on('open', () => socket.send('ping-1'));
      socket.on('message', (data) => resolve(data.toString()));
      socket.on('error', reject);
    });
    expect(reply).toBe('echo:ping-1');
    socket.close();
  });
});

describe('bodies', () => {
  for (const coding of ['gzip', 'deflate', 'br']) {
    it(`decodes ${coding} in the record while the client gets identical bytes`, async () => {
      const direct = await rawRequest({ port: origin.port, path: `/enc/${coding}` });
      const proxied = await rawRequest({ port: proxy.port, path: `${origin.origin}/enc/${coding}` });
      expect(proxied.status).toBe(direct.status);
      expect(comparableHeaders(proxied.headers)).toEqual(comparableHeaders(direct.headers));
      expect(proxied.headers['content-length']).toBe(String(direct.body.length));
      expect(proxied.body.equals(direct.body)).toBe(true);
      const ex = await completedFor(`/enc/${coding}`);
      expect(ex.response.content.text).toBe(JSON_BODY);
      expect(ex.response.content.size).toBe(JSON_BODY.length);
      expect(ex.response.bodySize).toBe(direct.body.length);
    });
  }

  it('truncates a 10 MB body in the record and leaves it intact for the client', async () => {
    const proxied = await rawRequest({ port: proxy.port, path: `${origin.origin}/big` });
    expect(proxied.headers['content-length']).toBe(String(BIG.length));
    expect(proxied.body.equals(BIG)).toBe(true);
    const ex = await completedFor('/big');
    expect(ex._truncated).toEqual({ limit: 64 * 1024, response: true });
    expect(ex.response.content.text?.length).toBe(64 * 1024);
    expect(ex.response.bodySize).toBe(BIG.length);
  });

  it('records the first cap bytes of a compressed body that decodes past the cap, marked truncated', async () => {
    const proxied = await rawRequest({ port: proxy.port, path: `${origin.origin}/large-gzip` });
    expect(gunzipSync(proxied.body).equals(LARGE_JSON)).toBe(true);
    const ex = await completedFor('/large-gzip');
    expect(ex.response.content.encoding).toBeUndefined();
    expect(ex.response.content.text).toBe(LARGE_JSON.subarray(0, 64 * 1024).toString('utf8'));
    expect(ex.response.content.size).toBe(LARGE_JSON.length);
    expect(ex._truncated).toMatchObject({ response: true });
  });

  it('keeps a compression bomb as sent instead of inflating it past the body cap', async () => {
    const proxied = await rawRequest({ port: proxy.port, path: `${origin.origin}/bomb` });
    expect(proxied.body.equals(BOMB)).toBe(true);
    const ex = await completedFor('/bomb');
    expect(ex.response.content.encoding).toBe('base64');
    expect(Buffer.from(ex.response.content.text ?? '', 'base64').equals(BOMB)).toBe(true);
    expect(ex.response.content.comment).toContain('decodes to more than');
  });
});

describe('failures', () => {
  it('records an unreachable upstream as a failed exchange and answers 502 naming the cause', async () => {
    const down = await startHttpServer(() => undefined);
    await down.close();
    const res = await rawRequest({ port: proxy.port, path: `http://127.0.0.1:${down.port}/down` });
    expect(res.status).toBe(502);
    expect(res.body.toString()).toContain('refused the connection');
    expect(res.headers['x-oauth-inspector-error']).toBe('upstream-refused');
    const ex = await completedFor('/down');
    expect(ex._state).toBe('failed');
    expect(ex._error?.code).toBe('upstream-refused');
  });

  it('answers 504 and records upstream-timeout when the upstream never answers', async () => {
    const silent = await startHttpServer(() => undefined);
    const timeoutEvents: CaptureEvent[] = [];
    const impatient = await startCaptureProxy({
      ca,
      port: 0,
      upstreamTimeoutMs: 200,
      onEvent: (e) => timeoutEvents.push(e),
    });
    try {
      const res = await rawRequest({ port: impatient.port, path: `${silent.origin}/slow` });
      expect(res.status).toBe(504);
      expect(res.body.toString()).toContain('did not answer in time');
      await new Promise((r) => setTimeout(r, 50));
      const failed = timeoutEvents.find((e) => e.type === 'failed');
      expect(failed?.exchange._error?.code).toBe('upstream-timeout');
    } finally {
      await impatient.close();
      await silent.close();
    }
  });

  it('records a client that hangs up mid-response as client-aborted', async () => {
    const { request } = await import('node:http');
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: proxy.port, path: `${origin.origin}/big?abort` }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    const ex = await completedFor('/big');
    const aborted = events.find((e) => e.type === 'failed' && e.exchange.request.url.endsWith('/big?abort'));
    expect(ex).toBeDefined();
    await new Promise((r) => setTimeout(r, 100));
    const found = aborted ?? events.find((e) => e.type === 'failed' && e.exchange.request.url.endsWith('/big?abort'));
    expect(found?.exchange._error?.code).toBe('client-aborted');
  });
});

describe('console', () => {
  it("drops http-mitm-proxy's per-host debug lines and passes every other console.debug call on", () => {
    const original = console.debug;
    const seen: unknown[][] = [];
    console.debug = (...args: unknown[]) => void seen.push(args);
    try {
      silenceLibraryChatter();
      silenceLibraryChatter(); // idempotent: one wrapper, not two
      console.debug('starting server for example.test');
      console.debug('https server started for example.test on 40123');
      console.debug('Got ECONNRESET on CLIENT_TO_PROXY_SOCKET, ignoring.');
      console.debug('our own debug line', 42);
      expect(seen).toEqual([['our own debug line', 42]]);
    } finally {
      console.debug = original;
    }
  });
});
