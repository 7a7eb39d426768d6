// Reads a session journal as a stream of lines: no whole-file string, so a journal of any length can be read.
import { createReadStream } from 'node:fs';
import type { Exchange } from '@oauth-inspector/core';

const NL = 0x0a;
/** Read size: large enough that a journal of big bodies costs few system calls. */
const CHUNK = 1024 * 1024;

/** The exchange in one journal line, or undefined for a torn line or anything that is not an exchange. */
export function exchangeOfLine(line: string): Exchange | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as Exchange;
    if (value && typeof value === 'object' && typeof value._id === 'string' && value.request && value.response)
      return value;
  } catch {
    // a line cut by a crash: everything before it is intact
  }
  return undefined;
}

/** Parses a journal held in memory, skipping a torn last line or any line that is not an exchange. */
export function parseJournal(text: string): Exchange[] {
  const out: Exchange[] = [];
  for (const line of text.split('\n')) {
    const exchange = exchangeOfLine(line);
    if (exchange) out.push(exchange);
  }
  return out;
}

/** Each non-empty line of the file from byte `start`, as bytes without its newline (a last line without one too). */
export async function* journalLines(path: string, start = 0): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(NL); nl >= 0; nl = chunk.indexOf(NL, from)) {
      const piece = chunk.subarray(from, nl);
      const line = pending.length ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      if (line.length) yield line;
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.subarray(from));
  }
  if (pending.length) yield Buffer.concat(pending);
}

/** Every exchange in the journal, oldest line first, one at a time. */
export async function* journalExchanges(path: string): AsyncGenerator<Exchange> {
  for await (const line of journalLines(path)) {
    const exchange = exchangeOfLine(line.toString('utf8'));
    if (exchange) yield exchange;
  }
}

/** Every exchange of a journal in memory: for small journals and tests; prefer journalExchanges for a session. */
export async function readJournal(path: string): Promise<Exchange[]> {
  const out: Exchange[] = [];
  for await (const exchange of journalExchanges(path)) out.push(exchange);
  return out;
}

/**
 * Counts the non-empty lines from byte `start` without holding them: the exchange count of a journal (or of its
 * tail past what the metadata already counted). A torn or blank line from a failed write may count as one.
 */
export async function countJournalLines(path: string, start = 0): Promise<number> {
  let count = 0;
  let lineOpen = false;
  for await (const chunk of createReadStream(path, { start, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(NL); nl >= 0; nl = chunk.indexOf(NL, from)) {
      if (lineOpen || nl > from) count++;
      lineOpen = false;
      from = nl + 1;
    }
    if (from < chunk.length) lineOpen = true;
  }
  return lineOpen ? count + 1 : count;
}
