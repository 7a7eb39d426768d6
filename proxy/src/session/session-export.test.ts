// Tests for the streamed HAR export: same entries as the in-memory export, capture order, redaction, file mode 0600.
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { HarFile } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { validateHar } from '../testing/har-validate.ts';
import { tempDirs } from '../testing/temp-dirs.ts';
import { exportSessionToFile, writeSessionHar } from './session-export.ts';
import { createSession, exportSession } from './session-store.ts';

const tempDir = tempDirs('oi-export-');

/** A session whose journal holds these exchanges in this (finish) order. */
async function sessionWith(seqs: number[]): Promise<{ dataDir: string; id: string }> {
  const dataDir = await tempDir();
  const session = await createSession(dataDir, 'export me');
  const exchanges = seqs.map((seq) =>
    anExchange({
      url: `https://login.example/token?n=${seq}`,
      seq,
      method: 'POST',
      form: { grant_type: 'password', username: 'alice', password: `hunter${seq}` },
      json: { token_type: 'Bearer' },
    }),
  );
  await writeFile(session.journalPath, exchanges.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return { dataDir, id: session.id };
}

async function streamed(
  dataDir: string,
  id: string,
  options: { redact?: boolean } = {},
): Promise<{ text: string; entries: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const { entries } = await writeSessionHar(dataDir, id, out, options);
  return { text: Buffer.concat(chunks).toString('utf8'), entries };
}

describe('streamed export', () => {
  it('writes the same HAR as the in-memory export, valid for har-validator', async () => {
    const { dataDir, id } = await sessionWith([0, 1, 2]);
    const { text, entries } = await streamed(dataDir, id);
    const har = JSON.parse(text) as HarFile;
    await validateHar(har);
    expect(entries).toBe(3);
    expect(har).toEqual(await exportSession(dataDir, id));
  });

  it('puts entries in capture order although the journal holds them in finish order', async () => {
    const { dataDir, id } = await sessionWith([1, 0, 3, 2, 4]);
    const har = JSON.parse((await streamed(dataDir, id)).text) as HarFile;
    expect(har.log.entries.map((e) => e._seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('redacts the whole session, with one placeholder per secret across entries, as the in-memory export', async () => {
    const { dataDir, id } = await sessionWith([0, 1]);
    const { text } = await streamed(dataDir, id, { redact: true });
    const har = JSON.parse(text) as HarFile;
    await validateHar(har);
    expect(text).not.toContain('hunter');
    expect(text).toContain('alice');
    // The same opaque refresh token in two entries keeps one placeholder, another token gets another one (a reader can follow it), and a session
    // that is streamed gives exactly the placeholders of the session redacted in memory.
    const dataDir2 = await tempDir();
    const session = await createSession(dataDir2, 'shared token');
    const values = ['opaque-refresh-value-0123', 'another-refresh-value-4567', 'opaque-refresh-value-0123'];
    const exchanges = values.map((value, seq) =>
      anExchange({
        url: 'https://login.example/token',
        seq,
        method: 'POST',
        form: { grant_type: 'refresh_token', refresh_token: value },
      }),
    );
    await writeFile(session.journalPath, exchanges.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const shared = JSON.parse((await streamed(dataDir2, session.id, { redact: true })).text) as HarFile;
    const tokens = shared.log.entries.map((e) => /refresh_token=([^&]+)/.exec(e.request.postData?.text ?? '')?.[1]);
    expect(tokens[0]).toMatch(/^REDACTED-/);
    expect(tokens[2]).toBe(tokens[0]);
    expect(tokens[1]).toMatch(/^REDACTED-/);
    expect(tokens[1]).not.toBe(tokens[0]);
    expect(JSON.stringify(shared)).not.toContain('opaque-refresh-value-0123');
  });
});

describe('export to a file', () => {
  it('writes mode 0600, also over an existing file that was world-readable', async () => {
    const { dataDir, id } = await sessionWith([0]);
    const fresh = join(await tempDir(), 'fresh.har');
    await exportSessionToFile(dataDir, id, fresh);
    expect((await stat(fresh)).mode & 0o777).toBe(0o600);

    const existing = join(await tempDir(), 'existing.har');
    await writeFile(existing, 'old content that is longer than nothing');
    await chmod(existing, 0o644);
    const { entries } = await exportSessionToFile(dataDir, id, existing);
    expect(entries).toBe(1);
    expect((await stat(existing)).mode & 0o777).toBe(0o600);
    await validateHar(JSON.parse(await readFile(existing, 'utf8')));
  });

  it('leaves an existing file alone when the session does not exist', async () => {
    const { dataDir } = await sessionWith([0]);
    const existing = join(await tempDir(), 'keep.har');
    await writeFile(existing, 'keep');
    await expect(exportSessionToFile(dataDir, 'no-such-session', existing)).rejects.toMatchObject({
      code: 'session-not-found',
    });
    expect(await readFile(existing, 'utf8')).toBe('keep');
  });
});
