// The running session: journals each finished exchange, keeps a bounded window in memory, replays history.
import { appendFileSync, existsSync } from 'node:fs';
import type { Exchange, SessionInfo } from '@oauth-inspector/core';
import { FLUSH_AFTER_MS, Journal, readJournal } from './journal.ts';
import type { LineSpot } from './line-slabs.ts';
import { LineWindow } from './line-window.ts';
import { updateMetaSync } from './session-meta.ts';
import { createSession, metaPathOf, type StoredSession } from './session-store.ts';

/** The metadata's exchange count is brought up to date each time the journal grew by this much (and on close). */
const META_EVERY = 16 * 1024 * 1024;

/**
 * The history a reconnecting client gets: the exchanges still in the memory window (the last `memoryCap` bytes of
 * serialized exchanges, 64 MiB by default), as the journal's own JSON lines, oldest first. `total` counts every
 * exchange of the session; when it is larger, the older ones are only in the journal (and in an export).
 */
export interface HistoryWindow {
  lines: readonly Buffer[];
  total: number;
}

export interface LiveSessionOptions {
  dataDir: string;
  name?: string;
  /**
   * Bytes of finished exchanges kept in memory; older ones are only in the journal. This is also the history
   * window a reconnecting inspector tab receives. Default 64 MiB.
   */
  memoryCap?: number;
  /** Called when a journal write fails (the exchange stays in memory and in the live feed). */
  onJournalError?: (error: Error, path: string) => void;
}

export class LiveSession {
  private journal: Journal;
  /** The session before the last reset, for the exchanges it started that finish after it. */
  private previous: { id: string; journalPath: string } | undefined;
  /**
   * The last memoryCap bytes of journal lines, as offsets into the journal's slabs: the very bytes the journal writes,
   * outside the JavaScript heap (object trees or long strings would be traced and moved on every major GC).
   */
  private readonly window: LineWindow;
  private count = 0;
  /** Bytes appended to the journal, and how many of them the metadata's count does not cover yet. */
  private journalBytes = 0;
  private uncounted = 0;

  private constructor(
    private stored: StoredSession,
    private readonly options: LiveSessionOptions,
  ) {
    this.journal = this.openJournal(stored.journalPath);
    this.window = new LineWindow(options.memoryCap ?? 64 * 1024 * 1024);
  }

  private openJournal(path: string): Journal {
    return new Journal(
      path,
      (error) => this.options.onJournalError?.(error, path),
      FLUSH_AFTER_MS,
      (spot) => this.lineMade(spot),
    );
  }

  static async start(options: LiveSessionOptions): Promise<LiveSession> {
    return new LiveSession(await createSession(options.dataDir, options.name), options);
  }

  get info(): SessionInfo {
    return { id: this.stored.id, name: this.stored.name, startedDateTime: this.stored.startedDateTime };
  }

  get journalPath(): string {
    return this.stored.journalPath;
  }

  get exchangeCount(): number {
    return this.count;
  }

  /** Bytes (UTF-8) currently held for history. */
  get memoryBytes(): number {
    this.journal.serializeQueued();
    return this.window.size;
  }

  /**
   * Records a finished exchange in the session it started in: the live one, or the one before the last reset (an
   * exchange in flight when the session was reset). The latter goes to that session's journal only, so its number
   * never collides with the new session's. One from an older session is dropped.
   */
  recordFor(sessionId: string, exchange: Exchange): void {
    if (sessionId === this.stored.id) this.record(exchange);
    else if (sessionId === this.previous?.id) this.appendLate(this.previous.journalPath, exchange);
  }

  /** A session deleted meanwhile stays deleted; a failing disk is reported, never thrown into the relay. */
  private appendLate(path: string, exchange: Exchange): void {
    if (!existsSync(path)) return;
    try {
      appendFileSync(path, `${JSON.stringify(exchange)}\n`, { mode: 0o600 });
    } catch (error) {
      this.options.onJournalError?.(error as Error, path);
    }
  }

  /** Hands a finished (complete or failed) exchange to the journal; its line joins the window once it is made. */
  record(exchange: Exchange): void {
    this.journal.append(exchange);
    this.count++;
    if (this.uncounted >= META_EVERY) {
      this.journal.flush();
      this.writeCounts();
    }
  }

  /** A journal line was made: it joins the memory window and the byte counts. */
  private lineMade({ slab, start, end }: LineSpot): void {
    this.window.add(slab, start, end);
    this.journalBytes += end + 1 - start;
    this.uncounted += end + 1 - start;
  }

  /** Records in the metadata how many exchanges the journal holds, so listing need not read the journal. */
  private writeCounts(): void {
    this.uncounted = 0;
    try {
      updateMetaSync(metaPathOf(this.options.dataDir, this.stored.id), {
        exchanges: this.count,
        journalBytes: this.journalBytes,
      });
    } catch (error) {
      this.options.onJournalError?.(error as Error, this.stored.journalPath);
    }
  }

  /**
   * The history window (see HistoryWindow): the memory window's buffers themselves, shared by every client, so a
   * reconnecting tab costs no copy of them, and never more than the window however long the journal grew.
   */
  historyWindow(): HistoryWindow {
    this.journal.serializeQueued();
    return { lines: this.window.lines(), total: this.count };
  }

  /** Every finished exchange of this session, oldest first, read back from the journal (for short recordings). */
  async history(): Promise<Exchange[]> {
    await this.journal.flushed();
    return readJournal(this.stored.journalPath);
  }

  /** Resolves once every exchange recorded so far is in the journal file. */
  flushed(): Promise<void> {
    return this.journal.flushed();
  }

  /** Closes this session's journal and starts a new one. */
  async reset(name?: string): Promise<void> {
    const next = await createSession(this.options.dataDir, name);
    this.journal.close();
    this.previous = { id: this.stored.id, journalPath: this.stored.journalPath };
    this.writeCounts();
    this.stored = next;
    this.journal = this.openJournal(next.journalPath);
    this.window.clear();
    this.count = 0;
    this.journalBytes = 0;
    this.uncounted = 0;
  }

  close(): void {
    this.journal.close();
    this.writeCounts();
  }
}
