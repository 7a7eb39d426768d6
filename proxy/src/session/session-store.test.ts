// Tests for sessions on disk: listing from metadata (and sessions saved before it had counts), bad data directories.
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { isInspectorError } from '../errors.ts';
import { tempDirs } from '../testing/temp-dirs.ts';
import { LiveSession } from './live-session.ts';
import { createSession, getSession, listSessions, metaPathOf, renameSession } from './session-store.ts';

const tempDir = tempDirs('oi-store-');

function lines(count: number, from = 0): string {
  return Array.from(
    { length: count },
    (_, i) => `${JSON.stringify(anExchange({ url: `https://x.example/${from + i}`, seq: from + i }))}\n`,
  ).join('');
}

describe('listing', () => {
  it('takes the exchange count from the metadata and reads only the journal past what it counted', async () => {
    const dataDir = await tempDir();
    const session = await createSession(dataDir, 'counted');
    await writeFile(session.journalPath, lines(3));
    const counted = (await stat(session.journalPath)).size;
    // The metadata claims more than the lines hold: a listing that believed the journal would say 3 + 2.
    await writeFile(
      metaPathOf(dataDir, session.id),
      JSON.stringify({ ...session, exchanges: 1000, journalBytes: counted }),
    );
    await appendFile(session.journalPath, lines(2, 3));
    const [listed] = await listSessions(dataDir);
    expect(listed).toMatchObject({ id: session.id, name: 'counted', exchanges: 1002 });
  });

  it('counts a session saved before the metadata had counts (or without metadata), and a torn last line', async () => {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'sessions'), { recursive: true });
    await writeFile(join(dataDir, 'sessions', 'old-1.jsonl'), lines(4));
    await writeFile(
      join(dataDir, 'sessions', 'old-1.meta.json'),
      JSON.stringify({ id: 'old-1', name: 'old one', startedDateTime: '2025-01-01T00:00:00.000Z' }),
    );
    await writeFile(join(dataDir, 'sessions', 'old-2.jsonl'), `${lines(2)}\n{"_id":"torn`);
    const listed = await listSessions(dataDir);
    expect(listed.map((s) => [s.id, s.name, s.exchanges])).toEqual([
      ['old-1', 'old one', 4],
      ['old-2', 'old-2', 3],
    ]);
  });

  it('keeps the live session count in the metadata as the journal grows and on close', async () => {
    const dataDir = await tempDir();
    const live = await LiveSession.start({ dataDir, name: 'live' });
    const big = 'b'.repeat(1024 * 1024);
    for (let i = 0; i < 20; i++)
      live.record(
        anExchange({ url: `https://x.example/${i}`, seq: i, responseBody: { mimeType: 'text/plain', text: big } }),
      );
    await live.flushed();
    const growing = JSON.parse(await readFile(metaPathOf(dataDir, live.info.id), 'utf8')) as {
      exchanges: number;
      journalBytes: number;
    };
    expect(growing.exchanges).toBeGreaterThan(10);
    expect(growing.journalBytes).toBeGreaterThan(10 * 1024 * 1024);
    live.close();
    const closed = JSON.parse(await readFile(metaPathOf(dataDir, live.info.id), 'utf8')) as {
      exchanges: number;
      journalBytes: number;
    };
    expect(closed).toMatchObject({ exchanges: 20, journalBytes: (await stat(live.journalPath)).size, name: 'live' });
  });

  it('keeps the counts when a session is renamed', async () => {
    const dataDir = await tempDir();
    const session = await createSession(dataDir, 'before');
    await writeFile(metaPathOf(dataDir, session.id), JSON.stringify({ ...session, exchanges: 7, journalBytes: 0 }));
    await renameSession(dataDir, session.id, 'after');
    expect((await listSessions(dataDir))[0]).toMatchObject({ name: 'after', exchanges: 7 });
  });

  it('is empty when nothing was recorded in the data directory yet', async () => {
    expect(await listSessions(join(await tempDir(), 'never-created'))).toEqual([]);
  });
});

describe('a data directory that is a file', () => {
  it('is an error with code bad-data-dir when listing or opening sessions, not an empty list', async () => {
    const file = join(await tempDir(), 'a-file');
    await writeFile(file, 'x');
    for (const attempt of [listSessions(file), getSession(file, 'some-id')]) {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isInspectorError(error, 'bad-data-dir')).toBe(true);
      expect((error as Error).message).toMatch(
        /^The data directory .*a-file is a file, not a folder: choose another --data-dir or move the file\.$/,
      );
    }
  });

  it('is an error too when the sessions folder inside it is a file', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'sessions'), 'x');
    const error = await listSessions(dataDir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isInspectorError(error, 'bad-data-dir')).toBe(true);
  });
});
