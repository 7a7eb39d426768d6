// A session's small metadata file (`<id>.meta.json`): its name, start time and how many exchanges its journal holds.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SessionInfo } from '@oauth-inspector/core';

/**
 * `exchanges` counts the lines in the first `journalBytes` bytes of the journal. The live session rewrites the pair
 * as the journal grows (see LiveSession), so listing counts only the tail past `journalBytes` instead of reading
 * the journal; a session recorded before the counts existed has neither and is counted once, then cached.
 */
export interface SessionMeta extends SessionInfo {
  exchanges?: number;
  journalBytes?: number;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** The fields of a metadata file that have the right type; a missing or corrupt file gives {}. */
function parseMeta(text: string | undefined): Partial<SessionMeta> {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text ?? '') as Record<string, unknown>;
  } catch {
    return {};
  }
  if (!value || typeof value !== 'object') return {};
  const out: Partial<SessionMeta> = {};
  for (const key of ['id', 'name', 'startedDateTime'] as const)
    if (typeof value[key] === 'string') out[key] = value[key];
  const exchanges = count(value.exchanges);
  const journalBytes = count(value.journalBytes);
  // The two only mean something together.
  if (exchanges !== undefined && journalBytes !== undefined) Object.assign(out, { exchanges, journalBytes });
  return out;
}

export async function readMeta(path: string): Promise<Partial<SessionMeta>> {
  return parseMeta(await readFile(path, 'utf8').catch(() => undefined));
}

function text(meta: Partial<SessionMeta>): string {
  return `${JSON.stringify(meta)}\n`;
}

/** A temporary name beside the file, so a reader never sees half a file (the rename is atomic). */
function tempPath(path: string): string {
  return `${path}.${randomBytes(4).toString('hex')}.tmp`;
}

export async function writeMeta(path: string, meta: Partial<SessionMeta>): Promise<void> {
  const temp = tempPath(path);
  await writeFile(temp, text(meta), { mode: 0o600 });
  await rename(temp, path);
}

/** Merges `patch` into the file now (the live session calls this from synchronous paths such as close). */
export function updateMetaSync(path: string, patch: Partial<SessionMeta>): void {
  let current: Partial<SessionMeta> = {};
  try {
    current = parseMeta(readFileSync(path, 'utf8'));
  } catch {
    // written afresh below
  }
  const temp = tempPath(path);
  writeFileSync(temp, text({ ...current, ...patch }), { mode: 0o600 });
  renameSync(temp, path);
}

/** Merges `patch` into the file (a rename keeps the counts; a count keeps the name). */
export async function updateMeta(path: string, patch: Partial<SessionMeta>): Promise<void> {
  await writeMeta(path, { ...(await readMeta(path)), ...patch });
}
