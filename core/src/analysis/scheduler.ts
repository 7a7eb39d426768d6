// createAnalyzer(): decides per result whether to append in place, roll recent appends back, or rebuild; one result at a time.
import type { Exchange } from '../har.ts';
import type { Analysis, AnalyzeOptions } from './types.ts';
import { CryptoCache } from './crypto-cache.ts';
import { buildState, factsOf, type CachedFacts, type State } from './fold.ts';
import { isContextNeutral, tailStart } from './incremental.ts';
import { AppendHistory } from './append-history.ts';
import { toAnalysis } from './flatten.ts';

/** How an analyzer has been answering: counts of full rebuilds, exchanges folded in place, and appends rolled back. */
export interface AnalyzerStats {
  rebuilds: number;
  appended: number;
  rolledBack: number;
}

export interface Analyzer {
  add(exchange: Exchange): void;
  result(): Promise<Analysis>;
  stats(): AnalyzerStats;
}

function bySeq(a: Exchange, b: Exchange): number {
  const d = (a._seq ?? 0) - (b._seq ?? 0);
  return d !== 0 ? d : String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0;
}

/** What add() has collected since the last result. */
interface Pending {
  /** Ids added that are not in the fold yet. */
  appended: Set<string>;
  /** Ids in the fold that got a new version. */
  replaced: Set<string>;
  rebuild: boolean;
}

/** The analyzer's memory between results: the exchanges by id (with their cached facts), the fold and its undo history. */
class AnalyzerCore {
  readonly crypto = new CryptoCache();
  readonly byId = new Map<string, { exchange: Exchange; cached: CachedFacts | undefined }>();
  readonly history = new AppendHistory();
  readonly stats: AnalyzerStats = { rebuilds: 0, appended: 0, rolledBack: 0 };
  state: State | undefined;

  constructor(
    private readonly options: AnalyzeOptions | undefined,
    private readonly bulkOnly: boolean,
  ) {}

  private slot(id: string): CachedFacts {
    const s = this.byId.get(id)!;
    if (!s.cached) s.cached = factsOf(s.exchange);
    return s.cached;
  }

  private ordered(ids: Iterable<string>): CachedFacts[] {
    return [...ids].map((id) => this.slot(id)).sort((a, b) => bySeq(a.facts.exchange, b.facts.exchange));
  }

  /** Appends in place when every added exchange comes after the fold and changes no shared context; undefined otherwise. */
  private async inPlace(state: State, pending: Pending): Promise<Analysis | undefined> {
    const adds = pending.appended;
    if (
      pending.replaced.size > 0 &&
      !this.history.rollBack(state, pending.replaced, adds, () => this.stats.rolledBack++)
    )
      return undefined;
    const candidates = this.ordered(adds);
    let maxSeq = state.maxSeq;
    const neutral = candidates.every((c) => {
      const ok = c.facts.seq > maxSeq && isContextNeutral(state.ctx, c);
      maxSeq = c.facts.seq;
      return ok;
    });
    if (!neutral) return undefined;
    for (const c of candidates) {
      await this.history.append(state, c, this.crypto);
      this.stats.appended++;
    }
    this.history.trim();
    return toAnalysis(state, this.options);
  }

  /** Rebuilds from the caches; recent pending exchanges are folded in place on top, so their completion is a rollback. */
  private async rebuild(): Promise<Analysis> {
    const ordered = this.ordered(this.byId.keys());
    this.stats.rebuilds++;
    this.history.clear();
    const split = this.bulkOnly ? ordered.length : tailStart(ordered);
    const state = (this.state = await buildState(ordered.slice(0, split), this.crypto));
    const tail = ordered.slice(split);
    if (!tail.every((c) => isContextNeutral(state.ctx, c))) {
      this.state = await buildState(ordered, this.crypto);
      return toAnalysis(this.state, this.options);
    }
    for (const c of tail) await this.history.append(state, c, this.crypto);
    return toAnalysis(state, this.options);
  }

  async compute(pending: Pending): Promise<Analysis> {
    if (!pending.rebuild && this.state) {
      const answer = await this.inPlace(this.state, pending);
      if (answer) return answer;
    }
    return this.rebuild();
  }

  /** A bug of ours: whatever was half done is dropped, and the next result starts from scratch. */
  reset(): void {
    this.state = undefined;
    this.history.clear();
  }
}

/**
 * An analyzer fed one exchange at a time (live capture). Per-exchange work (parsing, recognition, JWT decoding,
 * signature verification, hashes) is cached. An exchange appended after all others that changes no shared context
 * is folded in place and only the findings it can affect are recomputed. A new version of an exchange folded in place
 * recently (a pending exchange completing, typically) rolls the fold back to just before it and folds it and the
 * exchanges after it again. Anything else (an earlier exchange, a new version of an older one, a new metadata
 * document, key set, authorization request or API origin) rebuilds the cross-exchange state from the caches.
 * Either way the answer equals analyze() over everything added.
 */
export function createAnalyzer(options?: AnalyzeOptions & { bulkOnly?: boolean }): Analyzer {
  /** Tests only (bulkOnly): every rebuild folds everything in bulk, the reference the incremental paths are compared with. */
  const core = new AnalyzerCore(options, options?.bulkOnly === true);
  let pending: Pending = { appended: new Set(), replaced: new Set(), rebuild: true };
  /**
   * One result at a time, over the exchanges added before it started: add() may be called while a result is being
   * computed (a live feed does), and what it adds then is left for the next result, never dropped.
   */
  let queue: Promise<unknown> = Promise.resolve();
  return {
    add(exchange: Exchange): void {
      const id = String(exchange?._id);
      const previous = core.byId.get(id);
      if (previous?.exchange === exchange) return;
      core.byId.set(id, { exchange, cached: undefined });
      if (!core.state) pending.rebuild = true;
      else if (!previous) pending.appended.add(id);
      else if (!pending.appended.has(id)) pending.replaced.add(id);
    },
    result(): Promise<Analysis> {
      const run = queue.then(async () => {
        const taken = pending;
        pending = { appended: new Set(), replaced: new Set(), rebuild: false };
        try {
          return await core.compute(taken);
        } catch (error) {
          core.reset();
          pending.rebuild = true;
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    stats: () => ({ ...core.stats }),
  };
}
