// Fuzzing the capture proxy over raw sockets: after every hostile request it still answers a clean one.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from '../testing/servers.ts';
import { closedPort, startCaptureKit, watchUncaught, type CaptureKit } from './capture-test-kit.ts';
import { sendRaw } from './hostile-client.ts';
import { hostileRequest } from './hostile-requests.ts';

let kit: CaptureKit;
let origin: TestServer;
let downPort: number;
const uncaught = watchUncaught();

beforeAll(async () => {
  origin = await startHttpServer((req, res) => {
    req.resume();
    res.end('ok');
  });
  downPort = await closedPort();
  kit = await startCaptureKit({
    upstreamTimeoutMs: 1000,
    gateway: [{ host: 'web.localhost:8080', upstream: origin.origin }],
  });
});

afterAll(async () => {
  uncaught.stop();
  await kit?.close();
  await origin?.close();
});

describe('fuzzing', () => {
  it('survives random request lines, Host headers, ports and CONNECT targets, answering a control request after each', async () => {
    const control = `GET ${origin.origin}/control HTTP/1.1\r\nHost: 127.0.0.1:${origin.port}\r\nConnection: close\r\n\r\n`;
    await fc.assert(
      fc.asyncProperty(hostileRequest({ open: origin.port, closed: downPort }), async (bytes) => {
        await sendRaw(kit.proxy.port, bytes, 100, { firstData: true });
        const reply = await sendRaw(kit.proxy.port, control, 3000);
        expect(reply.status).toBe(200);
        expect(uncaught.errors).toEqual([]);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
    // Every recorded exchange finished: none is left pending with nobody to end it.
    await new Promise((r) => setTimeout(r, 1200));
    const started = new Set(kit.events.filter((e) => e.type === 'started').map((e) => e.exchange._id));
    for (const e of kit.events) if (e.type !== 'started') started.delete(e.exchange._id);
    expect([...started]).toEqual([]);
  }, 30_000);
});
