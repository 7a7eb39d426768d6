// The capture proxy under hostile input: each request that once ended the process is answered and recorded instead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Exchange } from '@oauth-inspector/core';
import { sendRaw } from './hostile-client.ts';
import { useHostileFixture } from './hostile-fixture.ts';

const fixture = useHostileFixture(
  (req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end(`hello ${req.headers.host}${req.url}`);
  },
  () => ({ upstreamTimeoutMs: 2000 }),
);

beforeEach(() => {
  fixture.kit.events.length = 0;
  fixture.uncaught.errors.length = 0;
});

/** The proxy still serves: a clean forward-proxy request gets the origin's answer. */
async function expectStillServing(): Promise<void> {
  const reply = await sendRaw(
    fixture.proxy.port,
    `GET ${fixture.origin.origin}/control HTTP/1.1\r\nHost: 127.0.0.1:${fixture.origin.port}\r\nConnection: close\r\n\r\n`,
    3000,
  );
  expect(reply.status).toBe(200);
  expect(reply.text).toContain('hello');
}

function failed(): Exchange[] {
  return fixture.kit.events.filter((e) => e.type === 'failed').map((e) => e.exchange);
}

afterEach(() => {
  expect(fixture.uncaught.errors).toEqual([]);
});

describe('requests that cannot be routed', () => {
  it('answers 400 to a request for port 99999 and records it as a failed exchange', async () => {
    const reply = await sendRaw(
      fixture.proxy.port,
      `GET http://127.0.0.1:99999/x HTTP/1.1\r\nHost: 127.0.0.1:99999\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(400);
    await expectStillServing();
    const [ex] = failed();
    expect(ex?._error?.code).toBe('bad-target');
    expect(ex?.request.url).toBe('http://127.0.0.1:99999/x');
  });

  it('answers 400 to a port that is not a number', async () => {
    const reply = await sendRaw(
      fixture.proxy.port,
      `GET http://127.0.0.1:abc/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(400);
    await expectStillServing();
  });

  it('answers 400 to an absolute-form https URL (a proxy reaches https through CONNECT)', async () => {
    const reply = await sendRaw(
      fixture.proxy.port,
      `GET https://127.0.0.1:${fixture.origin.port}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(400);
    await expectStillServing();
  });
});

describe('upstream failures with a hostile Host', () => {
  it('answers 502 when the upstream refuses and the Host header is not a URL authority', async () => {
    const reply = await sendRaw(
      fixture.proxy.port,
      `GET http://127.0.0.1:${fixture.downPort}/down HTTP/1.1\r\nHost: not a host^\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(502);
    expect(reply.text).toContain(`127.0.0.1:${fixture.downPort}`);
    await expectStillServing();
    expect(failed()[0]?._error?.code).toBe('upstream-refused');
  });
});

describe('CONNECT', () => {
  it('answers 400 to a CONNECT for port 99999 and keeps serving', async () => {
    const reply = await sendRaw(fixture.proxy.port, [
      `CONNECT 127.0.0.1:99999 HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n\r\n`,
    ]);
    expect(reply.status).toBe(400);
    await expectStillServing();
    expect(failed()[0]?._error?.code).toBe('bad-target');
  });

  it('answers 400 to a garbage CONNECT target followed by a TLS hello', async () => {
    const hello = Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00]);
    const reply = await sendRaw(fixture.proxy.port, [`CONNECT %zz:443 HTTP/1.1\r\nHost: %zz:443\r\n\r\n`, hello]);
    expect(reply.status).toBe(400);
    await expectStillServing();
  });

  it('sends a tunnel request to the CONNECT authority, not to its Host header', async () => {
    const reply = await sendRaw(
      fixture.proxy.port,
      `CONNECT 127.0.0.1:${fixture.origin.port} HTTP/1.1\r\nHost: 127.0.0.1:${fixture.origin.port}\r\n\r\nGET /tunnel HTTP/1.1\r\nHost: 127.0.0.1:99999\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.text).toContain('hello 127.0.0.1:99999/tunnel');
    await expectStillServing();
  });
});

describe('WebSocket upgrades', () => {
  it('refuses an upgrade whose Host is not a URL authority and keeps serving', async () => {
    const reply = await sendRaw(
      fixture.proxy.port,
      `GET /ws HTTP/1.1\r\nHost: a b\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(reply.closed).toBe(true);
    await expectStillServing();
  });

  it('refuses an upgrade without a Host header and keeps serving', async () => {
    const reply = await sendRaw(
      fixture.proxy.port,
      `GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(reply.closed).toBe(true);
    await expectStillServing();
  });

  it('closes the client side when the upstream WebSocket port is out of range', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${fixture.proxy.port}/ws`, { headers: { host: '127.0.0.1:99999' } });
    socket.on('error', () => undefined);
    const closed = await new Promise<boolean>((resolve) => {
      socket.on('close', () => resolve(true));
      setTimeout(() => resolve(false), 2000);
    });
    socket.terminate();
    expect(closed).toBe(true);
    await expectStillServing();
  });
});
