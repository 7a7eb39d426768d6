// Tests for the lean relay: backpressure both ways, the library's filters and hooks still honoured.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { QuietProxy } from './mitm-adapter.ts';
import { startCaptureKit, type CaptureKit } from './capture-test-kit.ts';

const MiB = 1024 * 1024;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as AddressInfo).port;
}

async function kit(): Promise<CaptureKit> {
  const k = await startCaptureKit({ bodyCap: 1024 });
  cleanups.push(() => k.close());
  return k;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes 64 MiB into `to` as fast as it takes them, waiting for 'drain'; returns the bytes handed over so far. */
function pump64MiB(to: Writable, fill: number): () => number {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let written = 0;
  const more = () => {
    while (written < 64 * MiB) {
      written += chunk.length;
      if (!to.write(chunk)) return void to.once('drain', more);
    }
    to.end();
  };
  more();
  return () => written;
}

/** GETs `/big` from the origin on `port` through the proxy, resolving with the response head. */
function getThrough(proxyPort: number, port: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) =>
    request({ host: '127.0.0.1', port: proxyPort, path: `http://127.0.0.1:${port}/big` }, resolve)
      .on('error', reject)
      .end(),
  );
}

describe('lean relay', () => {
  it('stops reading the upstream while the client does not read, instead of holding the body in memory', async () => {
    let written = () => 0;
    const origin = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      written = pump64MiB(res, 0x61);
    });
    const port = await listen(origin);
    const { proxy } = await kit();
    const response = await getThrough(proxy.port, port);
    response.pause();
    await sleep(800);
    // Socket buffers on three hops hold a few MiB; without backpressure the proxy would take in all 64 MiB.
    expect(written()).toBeLessThan(24 * MiB);
    let received = 0;
    response.on('data', (c: Buffer) => (received += c.length));
    response.resume();
    await new Promise((r) => response.on('end', r));
    expect(received).toBe(64 * MiB);
  });

  it('lets go of the upstream when the client leaves mid-response, instead of waiting for a drain that never comes', async () => {
    let originClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (originClosed = resolve));
    const origin = createServer((_req, res) => {
      res.on('close', () => originClosed());
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      pump64MiB(res, 0x63);
    });
    const port = await listen(origin);
    const { proxy, events } = await kit();
    const response = await getThrough(proxy.port, port);
    await new Promise((r) => response.once('data', r));
    response.destroy();
    const outcome = await Promise.race([closed.then(() => 'closed'), sleep(3000).then(() => 'stuck')]);
    expect(outcome).toBe('closed');
    expect(events.find((e) => e.type === 'failed')?.exchange._error?.code).toBe('client-aborted');
  });

  it('stops reading a request body the upstream does not read', async () => {
    let readable: IncomingMessage | undefined;
    const origin = createServer((req) => {
      readable = req;
      req.pause();
    });
    const port = await listen(origin);
    const { proxy } = await kit();
    const upload = request({
      host: '127.0.0.1',
      port: proxy.port,
      method: 'POST',
      path: `http://127.0.0.1:${port}/upload`,
    });
    upload.on('error', () => undefined);
    const sent = pump64MiB(upload, 0x62);
    await sleep(800);
    expect(readable).toBeDefined();
    expect(sent()).toBeLessThan(24 * MiB);
    upload.destroy();
    readable?.destroy();
  });

  it('still pipes through a response filter a hook adds, as the library does', async () => {
    const origin = createServer((_req, res) => res.end('quiet words'));
    const port = await listen(origin);
    const proxy = new QuietProxy();
    proxy.onRequest((ctx, callback) => {
      ctx.addResponseFilter(
        new Transform({ transform: (c: Buffer, _e, done) => done(null, c.toString().toUpperCase()) }),
      );
      callback();
    });
    await new Promise<void>((resolve) =>
      proxy.listen({ host: '127.0.0.1', port: 0, sslCaDir: '/nonexistent' }, () => resolve()),
    );
    cleanups.push(() => void proxy.close());
    const body = await new Promise<string>((resolve, reject) =>
      request({ host: '127.0.0.1', port: proxy.httpPort, path: `http://127.0.0.1:${port}/` }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end(),
    );
    expect(body).toBe('QUIET WORDS');
  });
});
