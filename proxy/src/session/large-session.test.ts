// LARGE: a session journal over 1 GiB, generated at test time in a temp dir (never committed): list, export, history.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedMessage, HarFile } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { bareFeed } from '../feed/feed-test-helpers.ts';
import { validateHar } from '../testing/har-validate.ts';
import { LiveSession } from './live-session.ts';
import { writeSessionHar } from './session-export.ts';
import { listSessions } from './session-store.ts';

const MiB = 1024 * 1024;
/**
 * 65 lines of 16 MiB bodies: just over 1 GiB, past V8's ~512 MiB string limit that broke list, export and history.
 * Few, large lines keep it quick: the cost is JSON.stringify/parse per byte (about 10 s each way on a loaded machine).
 */
const BIG_LINES = 65;
const BODY = 'x'.repeat(16 * MiB);
const WINDOW = 40 * MiB;

let dataDir: string;
let live: LiveSession;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'oi-large-'));
  live = await LiveSession.start({ dataDir, name: 'long session', memoryCap: WINDOW });
  live.record(
    anExchange({
      url: 'https://login.example/token',
      seq: 0,
      method: 'POST',
      form: { grant_type: 'client_credentials' },
    }),
  );
  for (let i = 1; i <= BIG_LINES; i++)
    live.record(
      anExchange({ url: `https://api.example/big/${i}`, seq: i, responseBody: { mimeType: 'text/plain', text: BODY } }),
    );
  await live.flushed();
}, 120_000);

afterAll(async () => {
  live?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * A sink that checks the export line by line (one entry per line): each entry's 16 MiB body is cut out as bytes
 * (it must be there, whole), and the rest of the line must parse; the shrunk lines make a document to validate.
 */
function checkingSink(): { sink: Writable; document: () => HarFile; peakRss: () => number } {
  const body = Buffer.from(BODY);
  let pending: Buffer = Buffer.alloc(0);
  const lines: string[] = [];
  let peak = 0;
  const take = (line: Buffer) => {
    const at = line.indexOf(body);
    const shrunk =
      at < 0 ? line : Buffer.concat([line.subarray(0, at), Buffer.from('x'), line.subarray(at + body.length)]);
    const text = shrunk.toString('utf8');
    if (text.startsWith('{"_id"')) JSON.parse(text.replace(/,$/, ''));
    lines.push(text);
  };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      peak = Math.max(peak, process.memoryUsage.rss());
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (let nl = pending.indexOf(0x0a); nl >= 0; nl = pending.indexOf(0x0a)) {
        take(pending.subarray(0, nl));
        pending = pending.subarray(nl + 1);
      }
      done();
    },
  });
  return {
    sink,
    document: () => JSON.parse(lines.join('\n') + pending.toString('utf8')) as HarFile,
    peakRss: () => peak,
  };
}

describe('LARGE: a session whose journal is over 1 GiB', () => {
  it('is listed, with its exchange count, from the metadata', async () => {
    expect((await stat(live.journalPath)).size).toBeGreaterThan(1024 * MiB);
    const started = performance.now();
    const [session] = await listSessions(dataDir);
    expect(session).toMatchObject({ name: 'long session', exchanges: BIG_LINES + 1 });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('is exported as a valid HAR, streamed entry by entry (redaction: session-export.test.ts)', async () => {
    const before = process.memoryUsage.rss();
    const { sink, document, peakRss } = checkingSink();
    const { entries } = await writeSessionHar(dataDir, live.info.id, sink);
    expect(entries).toBe(BIG_LINES + 1);
    const har = document();
    await validateHar(har);
    expect(har.log.entries.map((e) => e._seq)).toEqual(Array.from({ length: BIG_LINES + 1 }, (_, i) => i));
    expect(har.log.entries[0]?.request.url).toBe('https://login.example/token');
    expect(har.log.entries.slice(1).every((e) => e.response.content.text === 'x')).toBe(true);
    // Streamed: the process holds a few entries at a time, never the journal (which is bigger than this bound).
    expect(peakRss() - before).toBeLessThan(512 * MiB);
  }, 120_000);

  it('gives each of three reconnecting clients only the history window', async () => {
    const bare = await bareFeed({ history: () => live.historyWindow() });
    const clients = await Promise.all([bare.connect(3), bare.connect(3), bare.connect(3)]);
    for (const { messages, socket } of clients) {
      expect(messages.map((m) => m.type)).toEqual(['hello', 'notice', 'history']);
      const history = messages[2] as Extract<FeedMessage, { type: 'history' }>;
      const bytes = history.exchanges.reduce((n, e) => n + JSON.stringify(e).length, 0);
      expect(bytes).toBeLessThanOrEqual(WINDOW);
      expect(history.exchanges.length).toBeGreaterThan(0);
      expect(history.exchanges.at(-1)?._seq).toBe(BIG_LINES);
      socket.close();
    }
    await bare.close();
  }, 60_000);
});
