// Sessions on disk: create, list (from metadata, not journals), read, export as HAR (optionally redacted) and delete.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HarFile, SessionInfo } from '@oauth-inspector/core';
import { redact, toHarFile } from '@oauth-inspector/core/har-export.ts';
import { InspectorError } from '../errors.ts';
import { countJournalLines, readJournal } from './journal-read.ts';
import { readMeta, updateMeta, writeMeta } from './session-meta.ts';

export class SessionNotFoundError extends InspectorError {
  constructor(id: string) {
    super('session-not-found', `No session "${id}": run \`oauth-inspector sessions list\` to see the saved ones.`);
  }
}

export interface StoredSession extends SessionInfo {
  journalPath: string;
  exchanges?: number;
  bytes?: number;
}

/** Past this many uncounted journal bytes, listing writes the count it made into the metadata for next time. */
const CACHE_COUNT_AFTER = 4 * 1024 * 1024;

export function sessionsDir(dataDir: string): string {
  return join(dataDir, 'sessions');
}

export function metaPathOf(dataDir: string, id: string): string {
  return join(sessionsDir(dataDir), `${id}.meta.json`);
}

function validId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,80}$/.test(id);
}

/** A file where the data directory (or its `sessions` folder) should be becomes an error with a stable code. */
function dataDirError(error: unknown, dataDir: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'ENOTDIR' && code !== 'EEXIST') return error;
  return new InspectorError(
    'bad-data-dir',
    `The data directory ${dataDir} is a file, not a folder: choose another --data-dir or move the file.`,
    { cause: error },
  );
}

/** A new, empty session with an id that sorts by start time. */
export async function createSession(dataDir: string, name?: string): Promise<StoredSession> {
  const dir = sessionsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const now = new Date();
  const id = `${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(3).toString('hex')}`;
  const info: SessionInfo = {
    id,
    name: name ?? `Session ${now.toISOString().slice(0, 16).replace('T', ' ')}`,
    startedDateTime: now.toISOString(),
  };
  await writeMeta(metaPathOf(dataDir, id), { ...info, exchanges: 0, journalBytes: 0 });
  await writeFile(join(dir, `${id}.jsonl`), '', { mode: 0o600, flag: 'a' });
  return { ...info, journalPath: join(dir, `${id}.jsonl`) };
}

export async function getSession(dataDir: string, id: string): Promise<StoredSession> {
  if (!validId(id)) throw new SessionNotFoundError(id);
  const journalPath = join(sessionsDir(dataDir), `${id}.jsonl`);
  const stats = await stat(journalPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw dataDirError(error, dataDir);
  });
  if (!stats?.isFile()) throw new SessionNotFoundError(id);
  // A journal without metadata is still a session.
  const { name = id, startedDateTime = '' } = await readMeta(metaPathOf(dataDir, id));
  return { id, name, startedDateTime, journalPath, bytes: stats.size };
}

/**
 * The session with its exchange count, from the metadata plus the journal's tail past what the metadata counted:
 * a long session costs what its last uncounted bytes cost, not its whole journal.
 */
async function summarize(dataDir: string, session: StoredSession): Promise<StoredSession> {
  const metaPath = metaPathOf(dataDir, session.id);
  const meta = await readMeta(metaPath);
  const size = session.bytes ?? 0;
  // Counts from a journal that has since shrunk (rewritten by hand) say nothing about the file now.
  const known =
    meta.journalBytes !== undefined && meta.journalBytes <= size
      ? { exchanges: meta.exchanges ?? 0, bytes: meta.journalBytes }
      : { exchanges: 0, bytes: 0 };
  const exchanges =
    known.exchanges + (size > known.bytes ? await countJournalLines(session.journalPath, known.bytes) : 0);
  if (size - known.bytes > CACHE_COUNT_AFTER)
    await updateMeta(metaPath, { exchanges, journalBytes: size }).catch(() => undefined);
  return { ...session, exchanges };
}

/** Every saved session, oldest first; an empty list when nothing was recorded in `dataDir` yet. */
export async function listSessions(dataDir: string): Promise<StoredSession[]> {
  const files = await readdir(sessionsDir(dataDir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw dataDirError(error, dataDir);
  });
  const ids = files
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.slice(0, -6))
    .filter(validId)
    .sort();
  const out: StoredSession[] = [];
  for (const id of ids) {
    // A session deleted while we list is simply not listed.
    const session = await getSession(dataDir, id).catch((error: unknown) => {
      if (error instanceof SessionNotFoundError) return null;
      throw error;
    });
    if (session) out.push(await summarize(dataDir, session));
  }
  return out;
}

export async function renameSession(dataDir: string, id: string, name: string): Promise<void> {
  const session = await getSession(dataDir, id);
  await updateMeta(metaPathOf(dataDir, id), { id, name, startedDateTime: session.startedDateTime });
}

/**
 * The whole session as one HAR object in memory: for small sessions and tests. The CLI writes a session with
 * writeSessionHar / exportSessionToFile (session-export.ts), which stream it and work for a journal of any length.
 */
export async function exportSession(dataDir: string, id: string, options: { redact?: boolean } = {}): Promise<HarFile> {
  const session = await getSession(dataDir, id);
  const exchanges = await readJournal(session.journalPath);
  return toHarFile(options.redact ? redact(exchanges) : exchanges, {
    comment: `OAuth Inspector session "${session.name}"`,
  });
}

export async function deleteSession(dataDir: string, id: string): Promise<void> {
  const session = await getSession(dataDir, id);
  await rm(session.journalPath, { force: true });
  await rm(metaPathOf(dataDir, id), { force: true });
}
