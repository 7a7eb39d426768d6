// Tests for the running session: journal on disk, bounded memory window, history read back from the journal.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { tempDirs } from '../testing/temp-dirs.ts';
import { Journal, parseJournal } from './journal.ts';
import { LiveSession } from './live-session.ts';

const tempDir = tempDirs('oi-session-');

describe('LiveSession', () => {
  it('keeps memory under the cap and serves the whole history from the journal once it spilled', async () => {
    const session = await LiveSession.start({ dataDir: await tempDir(), memoryCap: 20_000 });
    for (let i = 0; i < 200; i++)
      session.record(anExchange({ url: `https://x.example/${i}`, seq: i, json: { pad: 'p'.repeat(200) } }));
    expect(session.memoryBytes).toBeLessThanOrEqual(20_000);
    const history = await session.history();
    expect(history).toHaveLength(200);
    expect(history[0]?.request.url).toBe('https://x.example/0');
    session.close();
  });

  it('offers a reconnecting client only the memory window, as the journal lines, with the session total', async () => {
    const session = await LiveSession.start({ dataDir: await tempDir(), memoryCap: 20_000 });
    for (let i = 0; i < 200; i++)
      session.record(anExchange({ url: `https://x.example/${i}`, seq: i, json: { pad: 'p'.repeat(200) } }));
    const window = session.historyWindow();
    expect(window.total).toBe(200);
    expect(window.lines.reduce((n, l) => n + l.length, 0)).toBeLessThanOrEqual(20_000);
    expect(window.lines.length).toBeGreaterThan(10);
    expect(window.lines.map((l) => (JSON.parse(l.toString()) as { _seq: number })._seq)).toEqual(
      Array.from({ length: window.lines.length }, (_, i) => 200 - window.lines.length + i),
    );
    session.close();
  });

  it('writes one exchange per line, in the file once flushed() resolves', async () => {
    const session = await LiveSession.start({ dataDir: await tempDir(), name: 'lines' });
    session.record(anExchange({ url: 'https://x.example/a', seq: 0 }));
    session.record(anExchange({ url: 'https://x.example/b', seq: 1 }));
    await session.flushed();
    const text = readFileSync(session.journalPath, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(session.info.name).toBe('lines');
    session.close();
  });
});

describe('Journal', () => {
  it('writes lines that fill several slabs, in order, each exactly once', async () => {
    const path = join(await tempDir(), 'slabs.jsonl');
    const journal = new Journal(path, undefined, 1);
    const urls = Array.from(
      { length: 400 },
      (_, i) => `https://x.example/${i}/${'s'.repeat(i % 7 === 0 ? 9000 : 100)}`,
    );
    for (const [i, url] of urls.entries()) {
      journal.append(anExchange({ url, seq: i, json: { pad: 'q'.repeat(8000) } }));
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5)); // let some batches go out asynchronously
    }
    journal.close();
    expect(parseJournal(readFileSync(path, 'utf8')).map((e) => e.request.url)).toEqual(urls);
  });

  it('writes what is still queued when closed', async () => {
    const path = join(await tempDir(), 'close.jsonl');
    const journal = new Journal(path, undefined, 60_000);
    for (let i = 0; i < 5; i++) journal.append(anExchange({ url: `https://x.example/${i}`, seq: i }));
    journal.close();
    expect(parseJournal(readFileSync(path, 'utf8')).map((e) => e.request.url)).toEqual(
      Array.from({ length: 5 }, (_, i) => `https://x.example/${i}`),
    );
  });

  it('gathers the exchanges finished within its delay into one write, none lost while they wait', async () => {
    const path = join(await tempDir(), 'batch.jsonl');
    const journal = new Journal(path, undefined, 60);
    for (let i = 0; i < 10; i++) journal.append(anExchange({ url: `https://x.example/${i}`, seq: i }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(readFileSync(path, 'utf8')).toBe(''); // still queued after the turn that finished them
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(10);
    journal.close();
  });

  it('writes what is queued when the process exits before its delay is over', async () => {
    const path = join(await tempDir(), 'exit.jsonl');
    const script = [
      `import { Journal } from ${JSON.stringify(new URL('./journal.ts', import.meta.url).href)};`,
      `const journal = new Journal(${JSON.stringify(path)}, undefined, 60_000);`,
      `for (let i = 0; i < 3; i++) journal.append({ _id: 'x-' + i, request: {}, response: {} });`,
      `process.exit(0);`,
    ].join('\n');
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    expect(parseJournal(readFileSync(path, 'utf8')).map((e) => e._id)).toEqual(['x-0', 'x-1', 'x-2']);
  });

  it('reports a failing write (a full disk) instead of losing the records silently', async () => {
    const errors: string[] = [];
    const journal = new Journal('/dev/full', (error) =>
      errors.push((error as NodeJS.ErrnoException).code ?? error.message),
    );
    journal.append(anExchange({ url: 'https://x.example/lost', seq: 0 }));
    journal.flush();
    expect(errors).toEqual(['ENOSPC']);
    journal.close();
  });
});

describe('parseJournal', () => {
  it('ignores a torn last line', () => {
    const line = JSON.stringify(anExchange({ url: 'https://x.example/whole', seq: 0 }));
    expect(parseJournal(`${line}\n${line.slice(0, 40)}`)).toHaveLength(1);
  });
});
