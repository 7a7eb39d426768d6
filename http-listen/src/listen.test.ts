// Tests for listen(): the URL it reports, Node's error on a taken port, and a close() that does not wait for idle sockets.
import { Agent, createServer, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listen } from './listen.ts';

describe('listen', () => {
  it('reports the loopback URL and port it really listens on', async () => {
    const listening = await listen(createServer((_req, res) => res.end('hello')));
    try {
      expect(listening.url).toBe(`http://127.0.0.1:${listening.port}`);
      expect(listening.port).toBeGreaterThan(0);
      expect(await (await fetch(listening.url)).text()).toBe('hello');
    } finally {
      await listening.close();
    }
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = await listen(createServer());
    try {
      await expect(listen(createServer(), { port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  it('closes at once although a response is still streaming', async () => {
    const listening = await listen(createServer((_req, res) => res.writeHead(200).write('first part')));
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      request(listening.url, { agent }, (res) => {
        res.on('error', () => undefined);
        res.once('data', () => resolve());
      })
        .on('error', reject)
        .end();
    });
    const started = Date.now();
    await listening.close();
    agent.destroy();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
