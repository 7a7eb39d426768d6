// Fuzzing the capture proxy over raw sockets: after every hostile request it still answers a clean one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sendRaw } from './hostile-client.ts';
import { useHostileFixture } from './hostile-fixture.ts';
import { hostileRequest } from './hostile-requests.ts';

const fixture = useHostileFixture(
  (req, res) => {
    req.resume();
    res.end('ok');
  },
  (origin) => ({ upstreamTimeoutMs: 1000, gateway: [{ host: 'web.localhost:8080', upstream: origin.origin }] }),
);

describe('fuzzing', () => {
  it('survives random request lines, Host headers, ports and CONNECT targets, answering a control request after each', async () => {
    const control = `GET ${fixture.origin.origin}/control HTTP/1.1\r\nHost: 127.0.0.1:${fixture.origin.port}\r\nConnection: close\r\n\r\n`;
    await fc.assert(
      fc.asyncProperty(hostileRequest({ open: fixture.origin.port, closed: fixture.downPort }), async (bytes) => {
        await sendRaw(fixture.kit.proxy.port, bytes, 100, { firstData: true });
        const reply = await sendRaw(fixture.kit.proxy.port, control, 3000);
        expect(reply.status).toBe(200);
        expect(fixture.uncaught.errors).toEqual([]);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
    // Every recorded exchange finished: none is left pending with nobody to end it.
    await new Promise((r) => setTimeout(r, 1200));
    const started = new Set(fixture.kit.events.filter((e) => e.type === 'started').map((e) => e.exchange._id));
    for (const e of fixture.kit.events) if (e.type !== 'started') started.delete(e.exchange._id);
    expect([...started]).toEqual([]);
  }, 30_000);
});
