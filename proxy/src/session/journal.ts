// The session journal: one finished exchange per JSONL line, written in batches a few milliseconds apart.
import { closeSync, constants, fstatSync, openSync, writev, writevSync } from 'node:fs';
import type { Exchange } from '@oauth-inspector/core';
import { LineSlabs, type LineSpot } from './line-slabs.ts';

const NEWLINE = Buffer.from('\n');
/** How long a finished exchange may wait in memory before its line is written (default). */
export const FLUSH_AFTER_MS = 25;
/** How long the journal waits after a failed write before it tries again. */
const RETRY_AFTER_MS = 1000;
/** The name of the error told when an exchange cannot be turned into JSON (not a disk problem). */
export const UNSERIALIZABLE = 'UnserializableExchange';
/** Exchanges waiting to be serialized that get serialized at once, whatever the delay. */
const SERIALIZE_AT = 256;
/** Queued bytes that start a write at once, whatever the delay. */
const WRITE_AT_BYTES = 1024 * 1024;
/** Queued bytes, while a write is still running, that make the next write synchronous: the queue stays bounded. */
const BLOCK_AT_BYTES = 16 * 1024 * 1024;

/** Journals with lines queued or being written: the process's exit writes them (an exit, an uncaught exception). */
const open = new Set<Journal>();
let exitHooked = false;
function flushAllOnExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const journal of open) journal.flush();
  });
}

/** A batch of lines and the file offset it goes to. */
interface Batch {
  buffers: Buffer[];
  position: number;
  length: number;
}

function lengthOf(buffers: readonly Buffer[]): number {
  let total = 0;
  for (const b of buffers) total += b.length;
  return total;
}

/** The length of an exchange's body texts, the part of its line that can be large. */
function bodyLength(exchange: Exchange): number {
  return (exchange.response?.content?.text?.length ?? 0) + (exchange.request?.postData?.text?.length ?? 0);
}

/** Writes `batch` synchronously, carrying on after a short write (disk nearly full, a signal). */
function writeBatchSync(fd: number, batch: Batch): void {
  let done = writevSync(fd, batch.buffers, batch.position);
  if (done < batch.length) {
    const rest = Buffer.concat(batch.buffers, batch.length);
    while (done < batch.length) done += writevSync(fd, [rest.subarray(done)], batch.position + done);
  }
}

/**
 * Lines are queued as exchanges finish and written together FLUSH_AFTER_MS after the first of them (or once
 * WRITE_AT_BYTES are queued), by one writev on libuv's thread pool: under load hundreds of exchanges cost one system
 * call and one hand-off, and the copy into the page cache (about 2 µs per KiB here) leaves the thread that relays
 * traffic. Each batch has its own file offset and one write runs at a time, so the file never has a gap. close(),
 * flush() and the process's exit write what is queued synchronously, and rewrite a batch still in flight at its own
 * offset (the same bytes at the same place, so the late asynchronous copy changes nothing): only a kill that gives the
 * process no last turn (SIGKILL, a power cut) loses the exchanges of the last FLUSH_AFTER_MS.
 */
export class Journal {
  private fd: number | null;
  /** Where the next batch goes: the file is opened without O_APPEND, whose writes would ignore the offset. */
  private position: number;
  private queue: Buffer[] = [];
  /** Lines queued after the last view in `queue`, still contiguous in their slab. */
  private openRun: { slab: Buffer; start: number; end: number } | null = null;
  private readonly slabs = new LineSlabs();
  /** Finished exchanges whose lines are not made yet (see append). */
  private unserialized: Exchange[] = [];
  /** Characters of body text among them: large bodies are serialized at once, not held as objects. */
  private unserializedBodies = 0;
  private queuedBytes = 0;
  private scheduled: NodeJS.Timeout | null = null;
  private inFlight: Batch | null = null;
  /** Asynchronous writes not called back yet: close() leaves the descriptor to the last of them (never reused under it). */
  private outstanding = 0;

  constructor(
    readonly path: string,
    /** Told once per failing batch: a full disk or a removed folder must not go unnoticed. */
    private readonly onError?: (error: Error) => void,
    private readonly flushAfterMs = FLUSH_AFTER_MS,
    /** Told where each line went, in order, as it is made: the session's memory window keeps them from there. */
    private readonly onLine?: (spot: LineSpot) => void,
  ) {
    this.fd = openSync(path, constants.O_WRONLY | constants.O_CREAT, 0o600);
    this.position = fstatSync(this.fd).size;
    flushAllOnExit();
  }

  /**
   * Queues a finished exchange. It is serialized together with the others of its batch (JSON.stringify of a few
   * hundred exchanges in a row costs a good third less per exchange than one at a time between relayed requests),
   * when the batch is written or its lines are asked for. The capture never changes an exchange once it finished.
   */
  append(exchange: Exchange): void {
    this.unserialized.push(exchange);
    if (this.fd === null) return this.serializeQueued();
    open.add(this);
    this.unserializedBodies += bodyLength(exchange);
    if (this.unserialized.length >= SERIALIZE_AT || this.unserializedBodies >= WRITE_AT_BYTES) this.serializeQueued();
    if (this.queuedBytes >= BLOCK_AT_BYTES) this.flush();
    else if (this.queuedBytes >= WRITE_AT_BYTES) this.writeQueued();
    // Unref'd: a queued line never keeps the process alive; the exit hook writes it.
    else
      this.scheduled ??= setTimeout(() => {
        this.scheduled = null;
        this.writeQueued(); // if a write is still running, its end writes this queue
      }, this.flushAfterMs).unref();
  }

  /** Serializes the exchanges queued so far into the slabs, in order, telling `onLine` where each line went. */
  serializeQueued(): void {
    const exchanges = this.unserialized;
    if (exchanges.length === 0) return;
    this.unserialized = [];
    this.unserializedBodies = 0;
    for (const exchange of exchanges) {
      let text: string;
      try {
        text = JSON.stringify(exchange);
      } catch (error) {
        const failure = new Error(`exchange ${exchange._id} could not be serialized: ${(error as Error).message}`);
        this.onError?.(Object.assign(failure, { name: UNSERIALIZABLE }));
        continue; // the others of the batch still go in
      }
      const spot = this.slabs.write(text);
      if (this.fd !== null) this.enqueue(spot);
      this.onLine?.(spot);
    }
  }

  /** Queues a line and its newline: one view for all the lines that follow each other in a slab. */
  private enqueue(spot: LineSpot): void {
    const run = this.openRun;
    if (run && run.slab === spot.slab && run.end === spot.start) run.end = spot.end + 1;
    else {
      this.closeRun();
      this.openRun = { slab: spot.slab, start: spot.start, end: spot.end + 1 };
    }
    this.queuedBytes += spot.end + 1 - spot.start;
  }

  /** Moves the run of lines being gathered into the queue. */
  private closeRun(): void {
    if (this.openRun) this.queue.push(this.openRun.slab.subarray(this.openRun.start, this.openRun.end));
    this.openRun = null;
  }

  private takeQueue(): Batch | null {
    this.serializeQueued();
    this.closeRun();
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
    if (this.queue.length === 0) return null;
    const batch = { buffers: this.queue, position: this.position, length: this.queuedBytes };
    this.position += batch.length;
    this.queue = [];
    this.queuedBytes = 0;
    return batch;
  }

  /** Starts the asynchronous write of the queue, unless one is running (its end starts the next). */
  private writeQueued(): void {
    if (this.inFlight || this.fd === null) return;
    const batch = this.takeQueue();
    if (!batch) return;
    const fd = this.fd;
    this.inFlight = batch;
    this.outstanding++;
    writev(fd, batch.buffers, batch.position, (err, written) => {
      this.outstanding--;
      const failedNow = this.inFlight === batch && err !== null;
      if (this.inFlight === batch) {
        this.inFlight = null;
        if (err) this.failed(fd, err);
        else if (written < batch.length) this.writeRest(fd, batch, written);
      } // else flush() has written it synchronously meanwhile
      if (this.fd === null) {
        if (this.outstanding === 0) closeSync(fd); // close() left the descriptor open for this write
      } else if (failedNow) this.retryLater();
      else if (this.queue.length || this.openRun || this.unserialized.length) this.writeQueued();
      else if (!this.scheduled) open.delete(this);
    });
  }

  /** After a failed write (a full disk, a removed folder), the next try waits: never a loop of failing writes. */
  private retryLater(): void {
    this.scheduled ??= setTimeout(() => {
      this.scheduled = null;
      this.writeQueued();
    }, RETRY_AFTER_MS).unref();
  }

  /** After a short write (disk nearly full, a signal): the rest of the batch, synchronously. */
  private writeRest(fd: number, batch: Batch, written: number): void {
    const rest = Buffer.concat(batch.buffers, batch.length).subarray(written);
    try {
      writeBatchSync(fd, { buffers: [rest], position: batch.position + written, length: rest.length });
    } catch (error) {
      this.failed(fd, error as Error);
    }
  }

  /** Part of a batch may be in the file: the next one starts at the file's end, on a fresh line. */
  private failed(fd: number, error: Error): void {
    try {
      this.position = Math.max(fstatSync(fd).size, 0);
    } catch {
      // the descriptor itself failed: keep the offset
    }
    this.closeRun();
    this.queue.unshift(NEWLINE);
    this.queuedBytes += 1;
    this.onError?.(error);
  }

  /** Writes every queued line now, and again any batch still in flight (see the class comment). */
  flush(): void {
    const fd = this.fd;
    const batches = [this.inFlight, this.takeQueue()].filter((b): b is Batch => b !== null);
    this.inFlight = null;
    open.delete(this);
    if (fd === null) return;
    for (const batch of batches) {
      try {
        writeBatchSync(fd, batch);
      } catch (error) {
        this.failed(fd, error as Error);
        return;
      }
    }
  }

  /** Resolves once every line appended so far is in the file. */
  flushed(): Promise<void> {
    this.flush();
    return Promise.resolve();
  }

  close(): void {
    this.flush();
    if (this.fd !== null && this.outstanding === 0) closeSync(this.fd);
    this.fd = null;
  }
}

export { parseJournal, readJournal } from './journal-read.ts';
