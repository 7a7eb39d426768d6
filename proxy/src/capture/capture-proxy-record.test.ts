// The record says where the bytes went (the URL is the target connected to, a differing Host is flagged), and
// HTTP/1.0 clients get HTTP/1.0 framing.
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '@oauth-inspector/core';
import type { LocalCa } from '../ca/local-ca.ts';
import { startHttpServer, startHttpsServer, type TestServer } from '../testing/servers.ts';
import type { CaptureEvent, CaptureProxy } from './capture-proxy.ts';
import { startCaptureKit, type CaptureKit } from './capture-test-kit.ts';
import { sendRaw } from './hostile-client.ts';

let kit: CaptureKit;
let ca: LocalCa;
let origin: TestServer;
let secureOrigin: TestServer;
let proxy: CaptureProxy;
let events: CaptureEvent[];

beforeAll(async () => {
  kit = await startCaptureKit();
  ({ ca, proxy, events } = kit);
  origin = await startHttpServer((req, res) => {
    res.setHeader('content-type', 'text/plain');
    if (req.url?.startsWith('/chunked')) {
      // No Content-Length: Node answers an HTTP/1.1 client with chunked transfer coding.
      res.write('first part, ');
      setTimeout(() => res.end('second part'), 5);
    } else {
      res.end(`hello ${req.headers.host}${req.url}`);
    }
  });
  secureOrigin = await startHttpsServer(ca, (req, res) => res.end(`secure ${req.headers.host}${req.url}`));
  proxy.setGateway([{ host: 'web.localhost:8080', upstream: origin.origin }]);
});

afterAll(async () => {
  await kit?.close();
  await origin?.close();
  await secureOrigin?.close();
});

async function finished(pathPart: string): Promise<Exchange> {
  for (let i = 0; i < 200; i++) {
    const found = events.find((e) => e.type !== 'started' && e.exchange.request.url.includes(pathPart));
    if (found) return found.exchange;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no finished exchange for ${pathPart}`);
}

function hostOf(ex: Exchange): string | undefined {
  return ex.request.headers.find((h) => h.name.toLowerCase() === 'host')?.value;
}

describe('the recorded URL is where the proxy connected', () => {
  it('records an absolute-form request under its request-target and flags a Host that names elsewhere', async () => {
    const reply = await sendRaw(
      proxy.port,
      `GET ${origin.origin}/spoof-abs HTTP/1.1\r\nHost: bank.example\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.text).toContain('hello bank.example/spoof-abs');
    const ex = await finished('/spoof-abs');
    expect(ex.request.url).toBe(`${origin.origin}/spoof-abs`);
    expect(hostOf(ex)).toBe('bank.example');
    expect(ex._hostMismatch).toEqual({ header: 'bank.example', target: `127.0.0.1:${origin.port}` });
  });

  it('does not flag a Host that names the target (default port left out or not)', async () => {
    await sendRaw(
      proxy.port,
      `GET ${origin.origin}/honest HTTP/1.1\r\nHost: 127.0.0.1:${origin.port}\r\nConnection: close\r\n\r\n`,
    );
    expect((await finished('/honest'))._hostMismatch).toBeUndefined();
  });

  it('records a plain CONNECT tunnel under the CONNECT authority', async () => {
    const reply = await sendRaw(
      proxy.port,
      `CONNECT 127.0.0.1:${origin.port} HTTP/1.1\r\nHost: 127.0.0.1:${origin.port}\r\n\r\nGET /spoof-tunnel HTTP/1.1\r\nHost: bank.example\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.text).toContain('hello bank.example/spoof-tunnel');
    const ex = await finished('/spoof-tunnel');
    expect(ex.request.url).toBe(`${origin.origin}/spoof-tunnel`);
    expect(ex._hostMismatch).toEqual({ header: 'bank.example', target: `127.0.0.1:${origin.port}` });
  });

  it('sends and records intercepted HTTPS under the CONNECT authority, not the Host inside the tunnel', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const raw = netConnect({ host: '127.0.0.1', port: proxy.port }, () =>
        raw.write(`CONNECT 127.0.0.1:${secureOrigin.port} HTTP/1.1\r\nHost: x\r\n\r\n`),
      );
      raw.once('data', () => {
        const tls = tlsConnect({ socket: raw, host: '127.0.0.1', ca: ca.caCertPem }, () => {
          tls.write(`GET /spoof-tls HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n`);
        });
        const chunks: Buffer[] = [];
        tls.on('data', (c: Buffer) => chunks.push(c));
        tls.on('end', () => resolve(Buffer.concat(chunks).toString()));
        tls.on('error', reject);
      });
      raw.on('error', reject);
    });
    expect(text).toContain('secure 127.0.0.1:1/spoof-tls');
    const ex = await finished('/spoof-tls');
    expect(ex.request.url).toBe(`https://127.0.0.1:${secureOrigin.port}/spoof-tls`);
    expect(ex._hostMismatch).toEqual({ header: '127.0.0.1:1', target: `127.0.0.1:${secureOrigin.port}` });
  });

  it('keeps the name the browser used for a gateway route, unflagged', async () => {
    await sendRaw(proxy.port, `GET /via-gateway HTTP/1.1\r\nHost: web.localhost:8080\r\nConnection: close\r\n\r\n`);
    const ex = await finished('/via-gateway');
    expect(ex.request.url).toBe('http://web.localhost:8080/via-gateway');
    expect(ex._via).toBe('gateway');
    expect(ex._hostMismatch).toBeUndefined();
  });

  it('records a forward-proxied request for a gateway name under that name, flagging a different Host', async () => {
    await sendRaw(
      proxy.port,
      `GET http://web.localhost:8080/named HTTP/1.1\r\nHost: other.example\r\nConnection: close\r\n\r\n`,
    );
    const ex = await finished('/named');
    expect(ex.request.url).toBe('http://web.localhost:8080/named');
    expect(ex._hostMismatch).toEqual({ header: 'other.example', target: 'web.localhost:8080' });
  });
});

describe('HTTP/1.0 clients (RFC 9112 §6.1, §6.3)', () => {
  for (const extra of ['', 'Proxy-Connection: keep-alive\r\n']) {
    it(`gets a close-delimited body, never chunked${extra ? ', even when it asks to keep the connection' : ''}`, async () => {
      const reply = await sendRaw(
        proxy.port,
        `GET ${origin.origin}/chunked${extra ? '-ka' : ''} HTTP/1.0\r\n${extra}\r\n`,
        3000,
      );
      const [head = '', body] = reply.text.split('\r\n\r\n');
      expect(reply.status).toBe(200);
      expect(head.toLowerCase()).not.toContain('transfer-encoding');
      expect(head.toLowerCase()).toContain('connection: close');
      expect(body).toBe('first part, second part');
      expect(reply.closed).toBe(true);
    });
  }

  it('keeps Content-Length when the upstream sent one', async () => {
    const reply = await sendRaw(proxy.port, `GET ${origin.origin}/sized HTTP/1.0\r\n\r\n`, 3000);
    const expected = `hello 127.0.0.1:${origin.port}/sized`;
    expect(reply.text.toLowerCase()).toContain(`content-length: ${expected.length}`);
    expect(reply.text.endsWith(expected)).toBe(true);
    expect(reply.closed).toBe(true);
  });
});
