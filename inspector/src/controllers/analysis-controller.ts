// Runs core's analyzer (in the worker) over what the store holds and puts each result back into the store as an action.
import type { Analysis, Exchange, TrackDefinition } from '@oauth-inspector/core';
import { createAnalysisClient, type AnalysisClient } from '../analysis-client.ts';
import type { InspectorState, Store } from '../state/store.ts';

/** Live traffic is gathered this long before it goes to the worker; an opened file goes at once. */
const LIVE_GATHER_MS = 100;

export class AnalysisController {
  private readonly client: AnalysisClient;
  private readonly unsubscribe: () => void;
  private key = '';
  private fed = new Map<string, Exchange>();
  /** The HAR text just opened, handed to the worker instead of copying every exchange across. */
  private loadedText: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private state: InspectorState;

  /**
   * @param store the one store: exchanges are read from it, results dispatched to it (`analyzed`).
   * @param trackOf the lesson track definition for a track id (the analysis follows the store's `trackId`).
   */
  constructor(
    private readonly store: Store,
    private readonly trackOf: (id: string | undefined) => TrackDefinition | undefined,
    createClient: (onResult: (analysis: Analysis, epoch: number) => void) => AnalysisClient = createAnalysisClient,
  ) {
    this.state = store.getState();
    this.client = createClient((analysis, epoch) =>
      this.store.dispatch({ type: 'analyzed', epoch, analysis, complete: this.isSettled() }),
    );
    this.unsubscribe = store.subscribe((next) => this.onState(next));
    if (this.state.exchanges.length > 0) this.schedule(0);
  }

  /** The text of a file about to be dispatched as `loaded`: the worker parses it itself. */
  offerText(text: string): void {
    this.loadedText = text;
  }

  /** True when nothing is waiting to be sent and every request sent has been answered. */
  isSettled(): boolean {
    return this.timer === undefined && this.client.isSettled();
  }

  /** Resolves once the data in the store has been analyzed (or after `timeoutMs`). */
  async settled(timeoutMs = 30_000): Promise<void> {
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.timer !== undefined) continue;
      await Promise.race([this.client.settled(), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
      if (this.timer === undefined) return;
    }
  }

  dispose(): void {
    this.unsubscribe();
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private onState(next: InspectorState): void {
    const before = this.state;
    this.state = next;
    // A newly opened file goes to the worker at once, so it parses and analyzes while this thread renders the list.
    if (next.epoch !== before.epoch && next.source.kind !== 'live' && this.loadedText !== undefined) this.sendNow();
    else if (next.version !== before.version || next.epoch !== before.epoch)
      this.schedule(next.source.kind === 'live' ? LIVE_GATHER_MS : 0);
    else if (next.trackId !== before.trackId) this.schedule(0);
  }

  private sendNow(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.send();
  }

  private schedule(delay: number): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, delay);
  }

  /** Sends what changed since the last call (everything again after a new file, session or track). */
  private send(): void {
    const s = this.state;
    const key = `${s.epoch}:${s.trackId ?? ''}`;
    if (key !== this.key) {
      this.key = key;
      this.fed = new Map();
      this.client.reset(s.epoch, this.trackOf(s.trackId));
      if (this.loadedText !== undefined && s.source.kind !== 'live') {
        this.client.addText(this.loadedText);
        for (const exchange of s.exchanges) this.fed.set(exchange._id, exchange);
      }
    }
    this.loadedText = undefined;
    const fresh: Exchange[] = [];
    for (const exchange of s.exchanges) {
      if (this.fed.get(exchange._id) !== exchange) {
        fresh.push(exchange);
        this.fed.set(exchange._id, exchange);
      }
    }
    this.client.add(fresh);
  }
}
