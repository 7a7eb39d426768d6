// The session journal: one finished exchange per JSONL line, written in batches a few milliseconds apart.
import { closeSync, openSync, writevSync } from 'node:fs';
import type { Exchange } from '@oauth-inspector/core';

const NEWLINE = Buffer.from('\n');
/** How long a finished exchange may wait in memory before its line is written (default). */
export const FLUSH_AFTER_MS = 25;
/** Queued bytes that trigger a write at once, whatever the delay: the queue stays bounded under any load. */
const FLUSH_AT_BYTES = 1024 * 1024;

/** Journals with lines still queued: the process's exit writes them (an exit, an uncaught exception). */
const open = new Set<Journal>();
let exitHooked = false;
function flushAllOnExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const journal of open) journal.flush();
  });
}

/**
 * Lines are queued as exchanges finish and handed to the kernel together by one synchronous writev, FLUSH_AFTER_MS
 * after the first of them (or at once when FLUSH_AT_BYTES are queued): under load hundreds of exchanges cost one
 * system call instead of one each, and no write happens while a response is being relayed. Measured on the
 * benchmark, this beats a write per exchange, a write per event-loop turn (about one per four exchanges) and
 * asynchronous writes on libuv's thread pool (whose hand-offs cost more CPU than they save). close() and the
 * process's exit (process.exit, an uncaught exception, the end of the event loop) write what is queued; only a kill
 * that gives the process no last turn (SIGKILL, a power cut) loses the exchanges of the last FLUSH_AFTER_MS.
 */
export class Journal {
  private fd: number | null;
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  private scheduled: NodeJS.Timeout | null = null;

  constructor(
    readonly path: string,
    /** Told once per failing batch: a full disk or a removed folder must not go unnoticed. */
    private readonly onError?: (error: Error) => void,
    private readonly flushAfterMs = FLUSH_AFTER_MS,
  ) {
    this.fd = openSync(path, 'a', 0o600);
    flushAllOnExit();
  }

  /**
   * Serializes one exchange now (so later changes to the object cannot alter the record) and queues its line.
   * Returns the line's bytes (without its newline).
   */
  append(exchange: Exchange): Buffer {
    const line = Buffer.from(JSON.stringify(exchange));
    if (this.fd === null) return line;
    this.queue.push(line, NEWLINE);
    this.queuedBytes += line.length + 1;
    if (this.queuedBytes >= FLUSH_AT_BYTES) this.flush();
    else if (!this.scheduled) {
      open.add(this);
      // Unref'd: a queued line never keeps the process alive; the exit hook writes it.
      this.scheduled = setTimeout(() => this.flush(), this.flushAfterMs).unref();
    }
    return line;
  }

  /** Writes every queued line now. */
  flush(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
    open.delete(this);
    const batch = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
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
      this.queuedBytes += 1;
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
