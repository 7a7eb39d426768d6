// WebSocket upgrades through the capture proxy: refused before any 101 when they cannot be routed, recorded either way.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { Exchange } from '@oauth-inspector/core';
import { startHttpServer, startHttpsServer, type TestServer } from '../testing/servers.ts';
import { closedPort, startCaptureKit, watchUncaught, type CaptureKit } from './capture-test-kit.ts';
import { sendRaw } from './hostile-client.ts';

const UPGRADE =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';

let origin: TestServer;
let refusing: TestServer;
let secure: TestServer;
let kit: CaptureKit;
let downPort: number;
const uncaught = watchUncaught();

beforeAll(async () => {
  origin = await startHttpServer((req, res) => res.end(`hello ${req.url}`));
  new WebSocketServer({ server: origin.server }).on('connection', (ws) =>
    ws.on('message', (data) => ws.send(`echo ${String(data)}`)),
  );
  refusing = await startHttpServer((_req, res) => res.end('no'));
  new WebSocketServer({ server: refusing.server, verifyClient: () => false });
  downPort = await closedPort();
  kit = await startCaptureKit();
  secure = await startHttpsServer(kit.ca, (_req, res) => res.end('secure'));
  new WebSocketServer({ server: secure.server }).on('connection', (ws) => ws.send('hello over tls'));
});

afterAll(async () => {
  uncaught.stop();
  await kit?.close();
  await origin?.close();
  await refusing?.close();
  await secure?.close();
});

beforeEach(() => {
  kit.events.length = 0;
});

function finished(type: 'completed' | 'failed'): Exchange[] {
  return kit.events.filter((e) => e.type === type).map((e) => e.exchange);
}

async function expectStillServing(): Promise<void> {
  const reply = await sendRaw(
    kit.proxy.port,
    `GET ${origin.origin}/control HTTP/1.1\r\nHost: 127.0.0.1:${origin.port}\r\nConnection: close\r\n\r\n`,
    3000,
  );
  expect(reply.status).toBe(200);
  expect(reply.text).toContain('hello /control');
  expect(uncaught.errors).toEqual([]);
}

/** A CONNECT tunnel through the proxy to `authority`, then TLS inside it, trusting the local CA. */
async function tunnel(authority: string): Promise<{ raw: Socket; tls: TLSSocket }> {
  const raw = netConnect({ host: '127.0.0.1', port: kit.proxy.port });
  raw.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    raw.once('connect', () => raw.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    raw.once('data', (chunk: Buffer) =>
      / 200 /.test(chunk.toString('latin1')) ? resolve() : reject(new Error(chunk.toString('latin1'))),
    );
  });
  const tls = tlsConnect({ socket: raw, servername: 'localhost', ca: kit.ca.caCertPem });
  tls.on('error', () => undefined);
  await new Promise<void>((resolve) => tls.once('secureConnect', () => resolve()));
  return { raw, tls };
}

/** The failed exchanges once there is one (the client hears 101 from the proxy before the upstream answers). */
async function failedSoon(): Promise<Exchange[]> {
  for (let i = 0; i < 100 && finished('failed').length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  return finished('failed');
}

/** Opens a WebSocket through the proxy (origin-form, the Host naming the upstream) and waits for it to settle. */
function openThroughProxy(port: number): Promise<{ socket: WebSocket; opened: boolean }> {
  const socket = new WebSocket(`ws://127.0.0.1:${kit.proxy.port}/feed?x=1`, { headers: { host: `127.0.0.1:${port}` } });
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    socket.on('open', () => resolve({ socket, opened: true }));
    socket.on('close', () => resolve({ socket, opened: false }));
    setTimeout(() => resolve({ socket, opened: false }), 3000);
  });
}

describe('upgrades that cannot be routed', () => {
  it.each([
    ['an absolute-form http URL naming the proxy itself', () => `GET http://127.0.0.1:${kit.proxy.port}/feed`],
    ['a ws URL to port 99999', () => 'GET ws://127.0.0.1:99999/feed'],
    ['a ws URL with a garbage host', () => 'GET ws://a%zz:80/feed'],
  ])('answers 400, not 101, to %s and records a failed exchange', async (_name, line) => {
    const reply = await sendRaw(kit.proxy.port, `${line()} HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n${UPGRADE}\r\n`);
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain(' 101 ');
    expect(reply.text.toLowerCase()).toContain('x-oauth-inspector-error: bad-target');
    const [ex] = finished('failed');
    expect(ex?._error?.code).toBe('bad-target');
    expect(ex?.request.method).toBe('GET');
    expect(ex?.request.url).toBe(line().slice(4));
    await expectStillServing();
  });

  it('answers 400 to an origin-form upgrade whose Host names port 99999', async () => {
    const reply = await sendRaw(kit.proxy.port, `GET /feed HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n${UPGRADE}\r\n`);
    expect(reply.status).toBe(400);
    expect(finished('failed')[0]?._error?.code).toBe('bad-target');
    await expectStillServing();
  });

  it('answers 400 to an origin-form upgrade without a Host header', async () => {
    const reply = await sendRaw(kit.proxy.port, `GET /feed HTTP/1.1\r\n${UPGRADE}\r\n`);
    expect(reply.status).toBe(400);
    expect(finished('failed')[0]?.request.url).toBe('/feed');
    await expectStillServing();
  });

  it('answers 400 inside a CONNECT tunnel to an upgrade whose Host is not a URL authority', async () => {
    const { raw, tls } = await tunnel(`localhost:${secure.port}`);
    const reply = new Promise<string>((resolve) =>
      tls.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))),
    );
    tls.write(`GET /tls HTTP/1.1\r\nHost: a b\r\n${UPGRADE}\r\n`);
    expect(await reply).toMatch(/^HTTP\/1\.1 400 /);
    raw.destroy();
    expect(finished('failed')[0]?._error?.code).toBe('bad-target');
    await expectStillServing();
  });
});

describe('upgrades that reach an upstream', () => {
  it('relays a real WebSocket and records its handshake as one exchange with status 101', async () => {
    const { socket, opened } = await openThroughProxy(origin.port);
    expect(opened).toBe(true);
    const echoed = new Promise<string>((resolve) => socket.on('message', (data) => resolve(String(data))));
    socket.send('ping');
    expect(await echoed).toBe('echo ping');
    socket.close();
    const done = finished('completed');
    expect(done).toHaveLength(1);
    const ex = done[0]!;
    expect(ex.request.method).toBe('GET');
    expect(ex.request.url).toBe(`ws://127.0.0.1:${origin.port}/feed?x=1`);
    expect(ex.request.headers.some((h) => h.name.toLowerCase() === 'sec-websocket-key')).toBe(true);
    expect(ex.response.status).toBe(101);
    expect(ex.response.headers.some((h) => h.name.toLowerCase() === 'sec-websocket-accept')).toBe(true);
    expect(ex._state).toBe('complete');
    expect(finished('failed')).toEqual([]);
    await expectStillServing();
  });

  it('records a failed exchange with the status when the upstream refuses the upgrade', async () => {
    const { socket } = await openThroughProxy(refusing.port);
    const closeCode = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    const [ex] = await failedSoon();
    expect(await closeCode).toBe(1014);
    expect(ex?._error?.code).toBe('upstream-refused-upgrade');
    expect(ex?.response.status).toBe(401);
    await expectStillServing();
  });

  it('records a failed exchange when nothing listens upstream', async () => {
    // The library answers the client 101 before it dials the upstream: the client hears a close, not an error status.
    const { socket } = await openThroughProxy(downPort);
    const [ex] = await failedSoon();
    for (let i = 0; i < 100 && socket.readyState !== WebSocket.CLOSED; i++) await new Promise((r) => setTimeout(r, 20));
    expect(socket.readyState).toBe(WebSocket.CLOSED);
    expect(ex?._error?.code).toBe('upstream-refused');
    expect(ex?.request.url).toBe(`ws://127.0.0.1:${downPort}/feed?x=1`);
    await expectStillServing();
  });

  it('records a wss upgrade inside a CONNECT tunnel', async () => {
    const { raw, tls } = await tunnel(`localhost:${secure.port}`);
    const socket = new WebSocket(`wss://localhost:${secure.port}/tls`, { createConnection: () => tls });
    socket.on('error', () => undefined);
    const first = await new Promise<string>((resolve) => socket.on('message', (data) => resolve(String(data))));
    expect(first).toBe('hello over tls');
    socket.terminate();
    raw.destroy();
    const [ex] = finished('completed');
    expect(ex?.request.url).toBe(`wss://localhost:${secure.port}/tls`);
    expect(ex?.response.status).toBe(101);
    await expectStillServing();
  });
});
