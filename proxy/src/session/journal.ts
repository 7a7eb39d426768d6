// The session journal: one finished exchange per JSONL line, written in one batch at the end of each event-loop turn.
import { closeSync, openSync, writevSync } from 'node:fs';
import type { Exchange } from '@oauth-inspector/core';

const NEWLINE = Buffer.from('\n');

/**
 * Lines are queued as exchanges finish and handed to the kernel together by one synchronous writev at the end of
 * the event-loop turn (setImmediate): under load a burst of exchanges costs one system call instead of one each,
 * and no write happens while a response is being relayed. Measured on the benchmark, this beats both a write per
 * exchange and asynchronous writes on libuv's thread pool (whose hand-offs cost more CPU than they save).
 * Killing the process (even with SIGKILL) loses at most the exchanges finished in the current turn, the ones in flight.
 */
export class Journal {
  private fd: number | null;
  private queue: Buffer[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    readonly path: string,
    /** Told once per failing batch: a full disk or a removed folder must not go unnoticed. */
    private readonly onError?: (error: Error) => void,
  ) {
    this.fd = openSync(path, 'a', 0o600);
  }

  /**
   * Serializes one exchange now (so later changes to the object cannot alter the record) and queues its line.
   * Returns the line's bytes (without its newline).
   */
  append(exchange: Exchange): Buffer {
    const line = Buffer.from(JSON.stringify(exchange));
    if (this.fd === null) return line;
    this.queue.push(line, NEWLINE);
    this.scheduled ??= setImmediate(() => this.flush());
    return line;
  }

  /** Writes every queued line now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.queue;
    this.queue = [];
    if (this.fd === null || batch.length === 0) return;
    let total = 0;
    for (const b of batch) total += b.length;
    try {
      let done = writevSync(this.fd, batch);
      if (done < total) {
        // A short write (disk nearly full, a signal): carry on from where it stopped.
        const rest = Buffer.concat(batch, total);
        while (done < total) done += writevSync(this.fd, [rest.subarray(done)]);
      }
    } catch (err) {
      // Part of the batch may be in the file: start the next one on a fresh line so its first record stays whole.
      this.queue.unshift(NEWLINE);
      this.onError?.(err as Error);
    }
  }

  /** Resolves once every line appended so far is in the file. */
  flushed(): Promise<void> {
    this.flush();
    return Promise.resolve();
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export { parseJournal, readJournal } from './journal-read.ts';
