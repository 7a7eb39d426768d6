// Streams a saved session out as a HAR 1.2 file, entry by entry, so a journal of any length can be exported.
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Exchange } from '@oauth-inspector/core';
import { SessionRedactor, toHarFile } from '@oauth-inspector/core/har-export.ts';
import { exchangeOfLine, journalLines } from './journal-read.ts';
import { getSession, type StoredSession } from './session-store.ts';

export interface SessionExportOptions {
  /** Redact every entry (core's SessionRedactor, placeholders numbered across the session) before it is written. */
  redact?: boolean;
}

export interface SessionExportResult {
  entries: number;
}

/**
 * The journal is in finish order; HAR entries go in capture order (`_seq`, as toHarFile sorts them). Exchanges
 * finish out of order only among those in flight together, so a small reorder buffer sorts them without holding
 * the session: an entry leaves it once more than this many entries or bytes wait behind it.
 */
const REORDER_ENTRIES = 1024;
const REORDER_BYTES = 32 * 1024 * 1024;

/**
 * Redaction reads the journal twice: the first pass gives every credential its placeholder (numbered across the
 * session, so a token keeps one name in every entry), the second writes the redacted entries. Memory grows with the
 * number of distinct secrets, never with the journal.
 */
async function learnSession(session: StoredSession): Promise<SessionRedactor> {
  const redactor = new SessionRedactor();
  for await (const line of journalLines(session.journalPath)) {
    const exchange = exchangeOfLine(line.toString('utf8'));
    if (exchange) redactor.learn(exchange);
  }
  return redactor;
}

/** toHarFile's own normalization of one entry (required HAR fields present and well-typed). */
function harEntry(exchange: Exchange): unknown {
  return toHarFile([exchange]).log.entries[0];
}

/** The file's text before and after the entries, from toHarFile itself so the envelope matches exportSession's. */
function envelope(session: StoredSession): { head: string; tail: string } {
  const empty = JSON.stringify(toHarFile([], { comment: `OAuth Inspector session "${session.name}"` }));
  const at = empty.indexOf('"entries":[]') + '"entries":['.length;
  return { head: empty.slice(0, at), tail: empty.slice(at) };
}

/** Hands `text` to `out`, waiting for a drain; an output closed on the way (a client that left) ends the export. */
async function write(out: Writable, text: string): Promise<void> {
  const closed = () => new Error('The output closed before the export ended.');
  if (out.destroyed) throw closed();
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain).off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(closed());
    out.once('drain', onDrain).once('close', onClose);
  });
}

/** Writes the session's HAR to `out` (one entry per line) and resolves once the last byte was handed to it. */
async function writeHar(
  session: StoredSession,
  out: Writable,
  options: SessionExportOptions,
): Promise<SessionExportResult> {
  const { head, tail } = envelope(session);
  const waiting: { exchange: Exchange; bytes: number }[] = [];
  let waitingBytes = 0;
  let entries = 0;
  const redactor = options.redact ? await learnSession(session) : undefined;
  await write(out, head);
  const emit = async () => {
    const { exchange, bytes } = waiting.shift()!;
    waitingBytes -= bytes;
    const entry = harEntry(redactor ? redactor.redact(exchange) : exchange);
    await write(out, `${entries++ ? ',' : ''}\n${JSON.stringify(entry)}`);
  };
  for await (const line of journalLines(session.journalPath)) {
    const exchange = exchangeOfLine(line.toString('utf8'));
    if (!exchange) continue;
    // Insert by _seq, after any equal one (a stable sort, as toHarFile's).
    let at = waiting.length;
    while (at > 0 && waiting[at - 1]!.exchange._seq > exchange._seq) at--;
    waiting.splice(at, 0, { exchange, bytes: line.length });
    waitingBytes += line.length;
    while (waiting.length > REORDER_ENTRIES || (waitingBytes > REORDER_BYTES && waiting.length > 1)) await emit();
  }
  while (waiting.length) await emit();
  await write(out, `\n${tail}\n`);
  return { entries };
}

/** Streams session `id` as HAR into `out` (for example process.stdout). */
export async function writeSessionHar(
  dataDir: string,
  id: string,
  out: Writable,
  options: SessionExportOptions = {},
): Promise<SessionExportResult> {
  return writeHar(await getSession(dataDir, id), out, options);
}

/**
 * Writes session `id` as HAR to `path`, owner-only (mode 0600) whether or not the file existed before: a session
 * holds cookies and tokens. The session is looked up first, so a wrong id leaves an existing file untouched.
 */
export async function exportSessionToFile(
  dataDir: string,
  id: string,
  path: string,
  options: SessionExportOptions = {},
): Promise<SessionExportResult> {
  const session = await getSession(dataDir, id);
  const handle = await open(path, 'w', 0o600);
  try {
    // `open`'s mode applies only to a file it creates; an existing one keeps its mode unless changed here.
    await handle.chmod(0o600);
  } catch (error) {
    await handle.close();
    throw error;
  }
  // The stream owns the handle from here and closes it when it ends or fails.
  const stream = handle.createWriteStream();
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  // A failed write (a full disk) rejects the pending write or end below; it must not also end the process.
  stream.on('error', () => undefined);
  try {
    const result = await writeHar(session, stream, options);
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return result;
  } finally {
    stream.destroy();
    await closed;
  }
}
