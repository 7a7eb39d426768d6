// The session journal: one finished exchange per JSONL line, appended and handed to the OS before moving on.
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Exchange } from '@oauth-inspector/core';

export class Journal {
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a', 0o600);
  }

  /**
   * Appends one exchange and returns the line's length. A synchronous write reaches the kernel before the
   * next exchange is handled, so killing the process (even with SIGKILL) loses at most the one in flight.
   * Returns the line written (without its newline).
   */
  append(exchange: Exchange): string {
    const line = JSON.stringify(exchange);
    if (this.fd !== null) writeSync(this.fd, line + '\n');
    return line;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Parses a journal, skipping a torn last line or any line that is not an exchange. */
export function parseJournal(text: string): Exchange[] {
  const out: Exchange[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Exchange;
      if (value && typeof value === 'object' && typeof value._id === 'string' && value.request && value.response) out.push(value);
    } catch {
      // a line cut by a crash: everything before it is intact
    }
  }
  return out;
}

export async function readJournal(path: string): Promise<Exchange[]> {
  return parseJournal(await readFile(path, 'utf8'));
}
