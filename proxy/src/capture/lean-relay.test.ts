// Tests for the lean relay: backpressure both ways, the library's filters and hooks still honoured.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
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

describe('lean relay', () => {
  it('stops reading the upstream while the client does not read, instead of holding the body in memory', async () => {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const origin = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const pump = () => {
        while (written < 64 * MiB) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const port = await listen(origin);
    const { proxy } = await kit();
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      request({ host: '127.0.0.1', port: proxy.port, path: `http://127.0.0.1:${port}/big` }, resolve)
        .on('error', reject)
        .end(),
    );
    response.pause();
    await sleep(800);
    // Socket buffers on three hops hold a few MiB; without backpressure the proxy would take in all 64 MiB.
    expect(written).toBeLessThan(24 * MiB);
    let received = 0;
    response.on('data', (c: Buffer) => (received += c.length));
    response.resume();
    await new Promise((r) => response.on('end', r));
    expect(received).toBe(64 * MiB);
  });

  it('lets go of the upstream when the client leaves mid-response, instead of waiting for a drain that never comes', async () => {
    let originClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (originClosed = resolve));
    const chunk = Buffer.alloc(64 * 1024, 0x63);
    const origin = createServer((_req, res) => {
      res.on('close', () => originClosed());
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let written = 0;
      const pump = () => {
        while (written < 64 * MiB) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const port = await listen(origin);
    const { proxy, events } = await kit();
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      request({ host: '127.0.0.1', port: proxy.port, path: `http://127.0.0.1:${port}/big` }, resolve)
        .on('error', reject)
        .end(),
    );
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
    let sent = 0;
    const upload = request({
      host: '127.0.0.1',
      port: proxy.port,
      method: 'POST',
      path: `http://127.0.0.1:${port}/upload`,
    });
    upload.on('error', () => undefined);
    const chunk = Buffer.alloc(64 * 1024, 0x62);
    const pump = () => {
      while (sent < 64 * MiB) {
        sent += chunk.length;
        if (!upload.write(chunk)) return void upload.once('drain', pump);
      }
      upload.end();
    };
    pump();
    await sleep(800);
    expect(readable).toBeDefined();
    expect(sent).toBeLessThan(24 * MiB);
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
