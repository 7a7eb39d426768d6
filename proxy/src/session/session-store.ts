// Sessions on disk: create, list, read, export as HAR (optionally redacted) and delete.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HarFile, SessionInfo } from '@oauth-inspector/core';
import { redact, toHarFile } from '@oauth-inspector/core/har-export.ts';
import { readJournal } from './journal.ts';

export class SessionNotFoundError extends Error {
  readonly code = 'session-not-found';
  constructor(id: string) {
    super(`No session "${id}": run \`oauth-inspector sessions list\` to see the saved ones.`);
  }
}

export interface StoredSession extends SessionInfo {
  journalPath: string;
  exchanges?: number;
  bytes?: number;
}

export function sessionsDir(dataDir: string): string {
  return join(dataDir, 'sessions');
}

function validId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,80}$/.test(id);
}

/** A new, empty session with an id that sorts by start time. */
export async function createSession(dataDir: string, name?: string): Promise<StoredSession> {
  const dir = sessionsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const now = new Date();
  const id = `${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(3).toString('hex')}`;
  const info: SessionInfo = { id, name: name ?? `Session ${now.toISOString().slice(0, 16).replace('T', ' ')}`, startedDateTime: now.toISOString() };
  await writeFile(join(dir, `${id}.meta.json`), JSON.stringify(info) + '\n', { mode: 0o600 });
  await writeFile(join(dir, `${id}.jsonl`), '', { mode: 0o600, flag: 'a' });
  return { ...info, journalPath: join(dir, `${id}.jsonl`) };
}

export async function getSession(dataDir: string, id: string): Promise<StoredSession> {
  if (!validId(id)) throw new SessionNotFoundError(id);
  const dir = sessionsDir(dataDir);
  const journalPath = join(dir, `${id}.jsonl`);
  const size = await stat(journalPath).then((s) => s.size, () => null);
  if (size === null) throw new SessionNotFoundError(id);
  let info: SessionInfo = { id, name: id, startedDateTime: '' };
  try {
    info = { ...info, ...(JSON.parse(await readFile(join(dir, `${id}.meta.json`), 'utf8')) as Partial<SessionInfo>) };
  } catch {
    // a journal without metadata is still a session
  }
  return { ...info, journalPath, bytes: size };
}

export async function listSessions(dataDir: string): Promise<StoredSession[]> {
  const files = await readdir(sessionsDir(dataDir)).catch(() => [] as string[]);
  const ids = files.filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, -6)).sort();
  const out: StoredSession[] = [];
  for (const id of ids) {
    const session = await getSession(dataDir, id);
    const text = await readFile(session.journalPath, 'utf8');
    out.push({ ...session, exchanges: text.split('\n').filter((l) => l.trim()).length });
  }
  return out;
}

export async function renameSession(dataDir: string, id: string, name: string): Promise<void> {
  const session = await getSession(dataDir, id);
  const info: SessionInfo = { id, name, startedDateTime: session.startedDateTime };
  await writeFile(join(sessionsDir(dataDir), `${id}.meta.json`), JSON.stringify(info) + '\n', { mode: 0o600 });
}

export async function exportSession(dataDir: string, id: string, options: { redact?: boolean } = {}): Promise<HarFile> {
  const session = await getSession(dataDir, id);
  const exchanges = await readJournal(session.journalPath);
  return toHarFile(options.redact ? redact(exchanges) : exchanges, { comment: `OAuth Inspector session "${session.name}"` });
}

export async function deleteSession(dataDir: string, id: string): Promise<void> {
  const session = await getSession(dataDir, id);
  await rm(session.journalPath, { force: true });
  await rm(join(sessionsDir(dataDir), `${id}.meta.json`), { force: true });
}
