// A stopped stack has every exchange it captured in its journal, the ones still queued for a batch and a client's abort.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startStack } from '../stack.ts';
import { startHttpServer, type TestServer } from '../testing/servers.ts';
import { tempDirs } from '../testing/temp-dirs.ts';
import { readJournal } from './journal.ts';

const tempDir = tempDirs('oi-journal-stop-');
let origin: TestServer | undefined;

afterAll(async () => {
  await origin?.close();
});

function get(proxyPort: number, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: proxyPort, path: url, headers: { host: new URL(url).host } },
      (res) => res.resume().on('end', () => resolve()),
    );
    req.on('error', reject);
    req.end();
  });
}

/** A POST announcing 1000 bytes that sends 100 of them and then closes its connection. */
function abortMidBody(proxyPort: number, url: string): void {
  const socket = connect(proxyPort, '127.0.0.1', () => {
    socket.write(
      `POST ${url} HTTP/1.1\r\nHost: ${new URL(url).host}\r\nContent-Length: 1000\r\n\r\n${'a'.repeat(100)}`,
    );
    setTimeout(() => socket.destroy(), 50);
  });
  socket.on('error', () => undefined);
}

describe('stopping the stack', () => {
  it('writes every captured exchange to the journal, a client abort mid-body included', async () => {
    origin = await startHttpServer((req, res) => {
      req.resume().on('end', () => res.end('ok')); // answers once the whole body came
    });
    const stack = await startStack({ port: 0, inspectorPort: null, env: { OAUTH_INSPECTOR_HOME: await tempDir() } });
    const base = origin.origin;
    await Promise.all(Array.from({ length: 20 }, (_, i) => get(stack.proxy.port, `${base}/item/${i}`)));
    abortMidBody(stack.proxy.port, `${base}/upload`);
    for (let i = 0; i < 500 && stack.session.exchangeCount < 21; i++) await new Promise((r) => setTimeout(r, 2));
    expect(stack.session.exchangeCount).toBe(21);
    const path = stack.session.journalPath;
    await stack.close(); // at once: the last few milliseconds' batch is still queued
    const journal = await readJournal(path);
    expect(journal.map((e) => e.request.url).sort()).toEqual(
      [...Array.from({ length: 20 }, (_, i) => `${base}/item/${i}`), `${base}/upload`].sort(),
    );
    const aborted = journal.find((e) => e.request.url.endsWith('/upload'));
    expect(aborted).toMatchObject({ _state: 'failed', _error: { code: 'client-aborted' } });
    expect(aborted?.request.bodySize).toBe(100);
  });
});
