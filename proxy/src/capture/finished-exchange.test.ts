// Tests that an exchange, once finished, stays as it was announced: the journal serializes it a little later.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startCaptureKit, type CaptureKit } from './capture-test-kit.ts';

let kit: CaptureKit | undefined;
const servers: import('node:http').Server[] = [];
afterEach(async () => {
  await kit?.close();
  for (const s of servers.splice(0)) (s.closeAllConnections(), s.close());
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a finished exchange', () => {
  it('keeps the record it was finished with when the upstream answers after the client left', async () => {
    const origin = createServer((_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('late answer'), 300);
    });
    servers.push(origin);
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', () => r()));
    const port = (origin.address() as AddressInfo).port;
    kit = await startCaptureKit();
    const client = request({ host: '127.0.0.1', port: kit.proxy.port, path: `http://127.0.0.1:${port}/slow` });
    client.on('error', () => undefined);
    client.end();
    await sleep(100);
    client.destroy();
    await sleep(600); // the upstream has answered meanwhile
    const failed = kit.events.find((e) => e.type === 'failed')?.exchange;
    expect(failed?._error?.code).toBe('client-aborted');
    expect(failed?.response.status).toBe(0);
    expect(failed?.response.headers).toEqual([]);
    expect(failed?.response.content.text ?? '').toBe('');
  });
});
