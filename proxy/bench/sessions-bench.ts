// Long sessions: `sessions list` time with a 1 GiB journal against a tiny one, and the proxy memory of three reconnecting feed clients.
// Run: node --expose-gc --import tsx proxy/bench/sessions-bench.ts   (from the repository root; writes ~1 GiB under the temp dir)
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { attachFeed } from '../src/feed/feed-server.ts';
import { LiveSession } from '../src/session/live-session.ts';
import { metaPathOf, listSessions } from '../src/session/session-store.ts';

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MB`;

/** A live session that recorded `lines` exchanges of `bodyBytes` each (through the real journal writer). */
async function recordSession(dataDir: string, lines: number, bodyBytes: number): Promise<LiveSession> {
  const live = await LiveSession.start({ dataDir, name: `bench ${lines}×${bodyBytes}` });
  const body = 'x'.repeat(bodyBytes);
  for (let i = 0; i < lines; i++) {
    live.record(
      anExchange({
        url: `https://api.example/item/${i}`,
        seq: i,
        responseBody: { mimeType: 'text/plain', text: body },
      }),
    );
    if (i % 8 === 7) await live.flushed();
  }
  await live.flushed();
  return live;
}

/** Median wall time of `runs` calls. */
async function medianMs(runs: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/**
 * A feed client that reads and discards everything (so only the proxy's memory is measured), done once it has
 * received `expectBytes`.
 */
function drainingClient(port: number, expectBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = 0;
    socket.on('connect', () =>
      socket.write(
        `GET /feed?token=t HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://localhost:1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= expectBytes) {
        socket.destroy();
        resolve();
      }
    });
    socket.on('error', reject);
  });
}

function feedServer(live: LiveSession): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer();
  const feed = attachFeed(server, {
    token: 't',
    allowedOrigins: ['http://localhost:1'],
    source: { session: () => live.info, history: () => live.historyWindow() },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        port: (server.address() as { port: number }).port,
        close: async () => {
          await feed.close();
          await new Promise((r) => server.close(r));
        },
      }),
    ),
  );
}

interface MemoryFigures {
  journal: number;
  window: number;
  peakRss: number;
  heapAfter: number;
}

/** Three clients connect, receive their history and go, three times over (tabs reconnecting); memory relative to before. */
async function threeReconnectingClients(live: LiveSession): Promise<MemoryFigures> {
  const { port, close } = await feedServer(live);
  const window = live.historyWindow().lines.reduce((n, l) => n + l.length + 1, 0);
  gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  for (let round = 0; round < 3; round++) await Promise.all([0, 1, 2].map(() => drainingClient(port, window)));
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  await close();
  gc?.();
  const after = process.memoryUsage();
  return {
    journal: (await stat(live.journalPath)).size,
    window,
    peakRss: peak - before.rss,
    heapAfter: after.heapUsed - before.heapUsed,
  };
}

function describeMemory(label: string, m: MemoryFigures): string {
  return `${label}: journal ${mb(m.journal)}, history window ${mb(m.window)}; 3 clients × 3 reconnects: peak RSS +${mb(m.peakRss)}, heap after ${m.heapAfter >= 0 ? '+' : ''}${mb(m.heapAfter)}`;
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'oi-sessions-bench-'));
  try {
    const tinyDir = join(root, 'tiny');
    const tiny = await recordSession(tinyDir, 3, 100);
    tiny.close();
    const smallDir = join(root, 'small');
    const small = await recordSession(smallDir, 64, 16 * 1024);
    const bigDir = join(root, 'big');
    const big = await recordSession(bigDir, 65, 16 * MiB);
    process.stdout.write(
      `Sessions bench (${gc ? 'with' : 'without'} --expose-gc): big journal ${mb((await stat(big.journalPath)).size)}\n`,
    );

    const smallMemory = await threeReconnectingClients(small);
    const bigMemory = await threeReconnectingClients(big);
    process.stdout.write(
      `${describeMemory('Feed, small baseline', smallMemory)}\n${describeMemory('Feed, 1 GiB journal ', bigMemory)}\n`,
    );
    small.close();
    big.close();

    const tinyMs = await medianMs(5, () => listSessions(tinyDir));
    const bigMs = await medianMs(5, () => listSessions(bigDir));
    process.stdout.write(
      `sessions list: tiny journal ${tinyMs.toFixed(2)} ms, 1 GiB journal ${bigMs.toFixed(2)} ms (ratio ${(bigMs / tinyMs).toFixed(2)})\n`,
    );
    // A session saved before the metadata had counts: counted once, then cached.
    const meta = metaPathOf(bigDir, big.info.id);
    await writeFile(meta, JSON.stringify({ ...big.info }));
    const firstMs = await medianMs(1, () => listSessions(bigDir));
    const cachedMs = await medianMs(5, () => listSessions(bigDir));
    process.stdout.write(
      `sessions list, 1 GiB session without counts: first ${firstMs.toFixed(0)} ms (counts the journal once), then ${cachedMs.toFixed(2)} ms\n`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
