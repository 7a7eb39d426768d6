// analyze(): captured exchanges → labels, flows, tokens, findings and lesson steps; pure, deterministic, incremental through createAnalyzer().
import type { Exchange } from '../har.ts';
import type { RecognizerId } from './ids.ts';
import type { Analysis, AnalyzeOptions, ExchangeLabel, Finding, FlowInfo } from './types.ts';
import { exchangeFacts, type ExchangeFacts } from './exchange-facts.ts';
import { buildContext, isJwks, isKeyFailure, isMetadataDocument, type AnalysisContext } from './context.ts';
import { RECOGNIZERS } from './recognizers.ts';
import { FlowCorrelator, type FlowRecord, type FlowResult } from './flows.ts';
import { TokenCollector, type TokenRecord } from './tokens.ts';
import { CryptoCache } from './crypto-cache.ts';
import { createFindingSink, type CheckEnv, type LabelSet } from './check-env.ts';
import { checkAuthorizationRequests } from './check-authorization-request.ts';
import { checkAuthorizationResponses } from './check-authorization-response.ts';
import { checkPkce } from './check-pkce.ts';
import { checkTokenExchanges } from './check-token.ts';
import { checkJwts } from './check-jwt.ts';
import { checkApi } from './check-api.ts';
import { checkSessions } from './check-session.ts';
import { mapSteps } from './steps.ts';
import { assign, pushTo, setIn, UndoJournal } from './undo-journal.ts';

/** Check families; within one anchor exchange, findings are listed in this order. */
const CHECK_FAMILIES = [checkAuthorizationRequests, checkAuthorizationResponses, checkPkce, checkTokenExchanges, checkJwts, checkApi, checkSessions];
const RECOGNIZER_ORDER = new Map(RECOGNIZERS.map((r, i) => [r.id, i]));

interface CachedFacts {
  facts: ExchangeFacts;
  intrinsic: { meta: boolean; keys: boolean };
  /** Recognizer verdicts, valid while the shared context (metadata, keys, origins) has the same version. */
  labels?: { version: string; summaries: Map<RecognizerId, string> };
}

function factsOf(exchange: Exchange): CachedFacts {
  // exchangeFacts reads every field defensively, so malformed exchanges give empty facts instead of exceptions.
  const facts = exchangeFacts(exchange);
  return { facts, intrinsic: { meta: isMetadataDocument(facts), keys: isJwks(facts) } };
}

/** Everything recognizers read besides the exchange itself; when it is unchanged, cached verdicts stay valid. */
function contextVersion(ctx: AnalysisContext): string {
  return [ctx.metadata.map((m) => m.exchangeId).join(','), [...new Set(ctx.keys.map((k) => k.exchangeId))].join(','), [...ctx.asOrigins].join(','), [...ctx.apiOrigins].join(',')].join('|');
}

function recognize(c: CachedFacts, ctx: AnalysisContext, version: string): Map<RecognizerId, string> {
  if (c.labels?.version !== version) {
    const sums = new Map<RecognizerId, string>();
    for (const r of RECOGNIZERS) {
      const summary = r.match(c.facts, ctx);
      if (summary !== undefined) sums.set(r.id, summary);
    }
    c.labels = { version, summaries: sums };
  }
  return c.labels.summaries;
}

/** The analysis state of a session: a fold over its exchanges in capture order, plus findings bucketed per anchor exchange. */
interface State {
  cached: CachedFacts[];
  cachedById: Map<string, CachedFacts>;
  ctx: AnalysisContext;
  version: string;
  correlator: FlowCorrelator;
  collector: TokenCollector;
  flows: FlowResult;
  /** Recognizer labels plus the labels derived from flows. */
  labelSets: Map<string, LabelSet>;
  labelArrays: Map<string, ExchangeLabel[]>;
  /** Labels derived from flows at the last result, per exchange. */
  extraKeys: Map<string, Map<RecognizerId, string>>;
  buckets: Map<string, Finding[]>;
  maxSeq: number;
  /** The flattened output of the last result, extended in place when only the newest exchange changed. */
  flat?: { labels: ExchangeLabel[]; findings: Finding[]; flows: Map<FlowInfo, { copy: FlowInfo; size: number }>; stale?: true };
}

const OTHER_ONLY: ReadonlySet<RecognizerId> = new Set<RecognizerId>(['other']);

function labelArray(state: State, f: ExchangeFacts, extras: Map<RecognizerId, string> | undefined, base: Map<RecognizerId, string>): ExchangeLabel[] {
  let set: LabelSet;
  let ids: RecognizerId[];
  if (extras && extras.size > 0) {
    const both = new Set<RecognizerId>(base.keys());
    for (const id of extras.keys()) both.add(id);
    set = both;
    ids = [...both];
  } else if (base.size > 0) {
    // The recognizers' own verdicts (never changed once made) serve as the set: one collection less per exchange.
    set = base;
    ids = [...base.keys()];
  } else {
    set = OTHER_ONLY;
    ids = ['other'];
  }
  state.labelSets.set(f.id, set);
  const flowId = state.flows.flowOf.get(f.id)?.info.id;
  if (ids.length > 1) ids.sort((a, b) => RECOGNIZER_ORDER.get(a)! - RECOGNIZER_ORDER.get(b)!);
  return ids.map((id) => {
    const label: ExchangeLabel = { exchangeId: f.id, recognizer: id, summary: base.get(id) ?? extras?.get(id) ?? `${f.method} ${f.path || f.exchange.request?.url || ''}` };
    if (flowId) label.flowId = flowId;
    return label;
  });
}

function extrasByExchange(flows: FlowResult): Map<string, Map<RecognizerId, string>> {
  const map = new Map<string, Map<RecognizerId, string>>();
  for (const e of flows.extraLabels) {
    let m = map.get(e.exchangeId);
    if (!m) map.set(e.exchangeId, (m = new Map()));
    if (!m.has(e.recognizer)) m.set(e.recognizer, e.summary);
  }
  return map;
}

async function runChecks(state: State, crypto: CryptoCache, dirty: Set<string> | undefined): Promise<void> {
  const sink = createFindingSink(state.flows, state.buckets, dirty);
  let units: CheckEnv['units'] = { facts: state.ctx.facts, flows: state.flows.flows, tokens: state.collector.tokens };
  if (dirty) {
    // Only the units that emit findings anchored at dirty exchanges: their facts, their flows, the tokens seen in them.
    const facts = [...dirty].map((id) => state.ctx.byId.get(id)!).sort((a, b) => a.seq - b.seq);
    const flows = new Set<FlowRecord>();
    const tokens = new Set<TokenRecord>();
    for (const f of facts) {
      const flow = state.flows.flowOf.get(f.id);
      if (flow) flows.add(flow);
      for (const t of f.tokens) {
        const rec = state.collector.byValue.get(t.value);
        if (rec) tokens.add(rec);
      }
    }
    const index = (id: string) => Number(id.slice(id.indexOf('-') + 1 || 1));
    units = {
      facts,
      flows: [...flows].sort((a, b) => index(a.info.id) - index(b.info.id)),
      tokens: [...tokens].sort((a, b) => Number(a.info.id.slice(1)) - Number(b.info.id.slice(1))),
    };
  }
  const env: CheckEnv = { ctx: state.ctx, labels: state.labelSets, flows: state.flows, tokens: state.collector.tokens, tokenByValue: state.collector.byValue, crypto, units, ...sink };
  for (const family of CHECK_FAMILIES) await family(env);
}

async function buildState(cached: CachedFacts[], crypto: CryptoCache): Promise<State> {
  const facts = cached.map((c) => c.facts);
  const intrinsic = new Map(cached.map((c) => [c.facts, c.intrinsic]));
  const ctx = buildContext(facts, (f) => intrinsic.get(f)!.meta, (f) => intrinsic.get(f)!.keys);
  const version = contextVersion(ctx);
  const correlator = new FlowCorrelator();
  const collector = new TokenCollector();
  const bases = cached.map((c) => recognize(c, ctx, version));
  for (let i = 0; i < cached.length; i++) {
    const f = cached[i]!.facts;
    correlator.push(ctx, f, bases[i]!);
    collector.add(f, crypto, false);
  }
  await collector.verify(collector.tokens, ctx.keys, crypto);
  const flows = correlator.finish();
  const state: State = { cached, cachedById: new Map(cached.map((c) => [c.facts.id, c])), ctx, version, correlator, collector, flows, labelSets: new Map(), labelArrays: new Map(), extraKeys: new Map(), buckets: new Map(), maxSeq: -Infinity };
  const extras = extrasByExchange(flows);
  cached.forEach((c, i) => state.labelArrays.set(c.facts.id, labelArray(state, c.facts, extras.get(c.facts.id), bases[i]!)));
  state.extraKeys = extras;
  state.maxSeq = cached.reduce((m, c) => Math.max(m, c.facts.seq), -Infinity);
  await runChecks(state, crypto, undefined);
  return state;
}

/** A metadata document, a key set, an authorization request or a request to the authorization endpoint: each changes the shared context. */
function changesContext(c: CachedFacts, endpoints: AnalysisContext['endpoints']): boolean {
  const f = c.facts;
  if (c.intrinsic.meta || c.intrinsic.keys) return true;
  if ((f.query.has('response_type') && f.query.has('client_id')) || (f.form.has('response_type') && f.form.has('client_id'))) return true;
  return endpoints.get(f.endpoint)?.kind === 'authorization';
}

/** A bearer token sent outside the authorization server's endpoints: the first one to an origin makes it an API origin. */
function sendsBearerToApi(f: ExchangeFacts, endpoints: AnalysisContext['endpoints']): boolean {
  return Boolean(f.bearer && f.origin && !endpoints.has(f.endpoint) && !/\/userinfo/i.test(f.path));
}

/** An exchange that changes nothing shared (metadata, keys, authorization server or API origins) can be appended in place. */
function isContextNeutral(ctx: AnalysisContext, c: CachedFacts): boolean {
  if (changesContext(c, ctx.endpoints)) return false;
  return !(sendsBearerToApi(c.facts, ctx.endpoints) && !ctx.apiOrigins.has(c.facts.origin));
}

/**
 * Appends one exchange to the fold and recomputes only the findings anchored where it can matter. Every change to
 * what existed before is recorded in the journal, so the append can be rolled back (see createAnalyzer).
 */
async function appendToState(state: State, c: CachedFacts, crypto: CryptoCache, journal: UndoJournal): Promise<void> {
  const f = c.facts;
  pushTo(journal, state.cached, c);
  setIn(journal, state.cachedById, f.id, c);
  pushTo(journal, state.ctx.facts, f);
  setIn(journal, state.ctx.byId, f.id, f);
  if (isKeyFailure(f, state.ctx.endpoints)) pushTo(journal, state.ctx.keyFailures, f);
  assign(journal, state, 'maxSeq', f.seq);
  const base = recognize(c, state.ctx, state.version);
  state.correlator.journal = journal;
  try {
    state.correlator.push(state.ctx, f, base);
  } finally {
    state.correlator.journal = undefined;
  }
  const touched = state.collector.add(f, crypto, true, journal);
  await state.collector.verify(touched, state.ctx.keys, crypto);
  // Flow-derived labels change only when a login page or an authorization response joins a flow.
  const flowShape = base.has('login-page') || base.has('login-submit') || base.has('authorization-response') || base.has('authorization-error');
  if (flowShape) assign(journal, state, 'flows', state.correlator.finish());
  const extras = flowShape ? extrasByExchange(state.flows) : state.extraKeys;
  const relabel = new Set<string>([f.id]);
  const derivedKey = (m: Map<RecognizerId, string> | undefined) => (m ? [...m].map(([k, v]) => `${k}=${v}`).join('\u0000') : '');
  if (flowShape) for (const id of new Set([...state.extraKeys.keys(), ...extras.keys()])) {
    if (derivedKey(state.extraKeys.get(id)) !== derivedKey(extras.get(id))) relabel.add(id);
  }
  const labelsChanged = relabel.size > 1;
  for (const id of relabel) {
    const cc = state.cachedById.get(id)!;
    setIn(journal, state.labelSets, id, state.labelSets.get(id)!);
    setIn(journal, state.labelArrays, id, labelArray(state, cc.facts, extras.get(id), recognize(cc, state.ctx, state.version)));
  }
  assign(journal, state, 'extraKeys', extras);
  const dirty = new Set<string>([f.id]);
  for (const t of touched) for (const s of t.info.sightings) dirty.add(s.exchangeId);
  const previous = new Map<string, Finding[]>();
  for (const id of dirty) {
    const bucket = state.buckets.get(id);
    if (bucket) previous.set(id, bucket);
    // Only dirty buckets change below: restoring them undoes every finding this append adds, replaces or drops.
    journal.record(() => (bucket ? state.buckets.set(id, bucket) : state.buckets.delete(id)));
    state.buckets.delete(id);
  }
  await runChecks(state, crypto, dirty);
  // Keep the old finding objects where nothing changed, so the flattened list can simply be extended.
  let findingsChanged = false;
  for (const [id, before] of previous) {
    const after = state.buckets.get(id);
    if (after && JSON.stringify(after) === JSON.stringify(before)) state.buckets.set(id, before);
    else findingsChanged = true;
  }
  for (const id of dirty) if (id !== f.id && !previous.has(id) && state.buckets.has(id)) findingsChanged = true;
  if (state.flat) {
    // Once stale, the lists are rebuilt by the next result: later appends of the same batch must not extend them.
    if (labelsChanged || findingsChanged) state.flat = { flows: state.flat.flows, labels: [], findings: [], stale: true };
    else if (!state.flat.stale) {
      state.flat.labels.push(...state.labelArrays.get(f.id)!);
      state.flat.findings.push(...(state.buckets.get(f.id) ?? []));
    }
  }
}

function toAnalysis(state: State, options: AnalyzeOptions | undefined): Analysis {
  const flowCopies = state.flat?.flows ?? new Map<FlowInfo, { copy: FlowInfo; size: number }>();
  let labels = state.flat?.labels ?? [];
  let findings = state.flat?.findings ?? [];
  if (!state.flat || state.flat.stale) {
    labels = [];
    findings = [];
    for (const f of state.ctx.facts) {
      for (const l of state.labelArrays.get(f.id)!) labels.push(l);
      const bucket = state.buckets.get(f.id);
      if (bucket) for (const x of bucket) findings.push(x);
    }
  }
  // Flow records grow in place; copies are refreshed only for flows that gained exchanges.
  const flows: FlowInfo[] = state.flows.flows.map((r) => {
    const known = flowCopies.get(r.info);
    if (known && known.size === r.info.exchangeIds.length) return known.copy;
    const copy = { ...r.info, exchangeIds: [...r.info.exchangeIds] };
    flowCopies.set(r.info, { copy, size: r.info.exchangeIds.length });
    return copy;
  });
  state.flat = { labels, findings, flows: flowCopies };
  // Each result gets its own arrays, so later appends never change a result already handed out.
  return { labels: [...labels], steps: mapSteps(options?.track, labels, findings), findings: [...findings], tokens: state.collector.tokens.map((t) => t.info), flows };
}

function bySeq(a: Exchange, b: Exchange): number {
  const d = (a._seq ?? 0) - (b._seq ?? 0);
  return d !== 0 ? d : String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0;
}

/** Analyzes a whole session at once. Never throws on bad traffic: problems become findings. */
export async function analyze(exchanges: readonly Exchange[], options?: AnalyzeOptions): Promise<Analysis> {
  const analyzer = createAnalyzer(options);
  for (const e of exchanges) analyzer.add(e);
  return analyzer.result();
}

/** How an analyzer has been answering: counts of full rebuilds, exchanges folded in place, and appends rolled back. */
export interface AnalyzerStats {
  rebuilds: number;
  appended: number;
  rolledBack: number;
}

/** In-place appends that can still be rolled back; older ones are forgotten (a change to them means a rebuild). */
const MAX_UNDO = 256;
/** How many of the newest exchanges a rebuild may fold in place, so that pending ones among them can complete cheaply. */
const MAX_TAIL = 48;

function isPending(c: CachedFacts): boolean {
  return c.facts.exchange._state === 'pending';
}

/**
 * Where a rebuild over `ordered` may stop folding in bulk: from the earliest recent pending exchange on, provided every
 * exchange after it would be context neutral for the state built from the exchanges before it (the same rules as
 * isContextNeutral). Returns ordered.length when there is no such tail.
 */
function tailStart(ordered: CachedFacts[]): number {
  const lowest = Math.max(0, ordered.length - MAX_TAIL);
  const firstPending = (from: number) => {
    for (let i = Math.max(from, lowest); i < ordered.length; i++) if (isPending(ordered[i]!)) return i;
    return ordered.length;
  };
  let k = firstPending(lowest);
  if (k === ordered.length) return k;
  // Metadata documents, key sets, authorization requests and requests to the authorization endpoint must stay in the bulk part.
  const metas = ordered.filter((c) => c.intrinsic.meta).map((c) => c.facts);
  const { endpoints } = buildContext(metas, () => true, () => false);
  let floor = 0;
  for (let i = ordered.length - 1; i >= lowest; i--) {
    if (changesContext(ordered[i]!, endpoints)) {
      floor = i + 1;
      break;
    }
  }
  // The first bearer token sent to an origin makes it an API origin: that exchange must stay in the bulk part too.
  const firstBearer = new Map<string, number>();
  ordered.forEach((c, i) => {
    if (sendsBearerToApi(c.facts, endpoints) && !firstBearer.has(c.facts.origin)) firstBearer.set(c.facts.origin, i);
  });
  for (;;) {
    k = firstPending(Math.max(k, floor));
    if (k === ordered.length) return k;
    let moved = false;
    for (const i of firstBearer.values()) {
      if (i >= k) {
        floor = Math.max(floor, i + 1);
        moved = true;
      }
    }
    if (!moved) return k;
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
export function createAnalyzer(options?: AnalyzeOptions & { bulkOnly?: boolean }): { add(exchange: Exchange): void; result(): Promise<Analysis>; stats(): AnalyzerStats } {
  /** Tests only: every rebuild folds everything in bulk, the reference the incremental paths are compared with. */
  const bulkOnly = options?.bulkOnly === true;
  const crypto = new CryptoCache();
  const byId = new Map<string, { exchange: Exchange; cached: CachedFacts | undefined }>();
  let state: State | undefined;
  let rebuild = true;
  /** Ids added since the last result that are not in the fold yet, and ids in the fold that got a new version. */
  let appended = new Set<string>();
  let replaced = new Set<string>();
  /**
   * The in-place appends since the last rebuild, oldest first, each with the journal that undoes it and the length of
   * the flattened output before it (appends that change nothing earlier only extend those arrays).
   */
  let history: { id: string; journal: UndoJournal; flat: { labels: ExchangeLabel[]; findings: Finding[]; labelCount: number; findingCount: number } | undefined }[] = [];
  const stats: AnalyzerStats = { rebuilds: 0, appended: 0, rolledBack: 0 };

  const slot = (id: string) => {
    const s = byId.get(id)!;
    if (!s.cached) s.cached = factsOf(s.exchange);
    return s.cached;
  };

  /**
   * Undoes the in-place appends from the earliest replaced exchange on, adding the undone ids to `adds`; false when one
   * of them is too old to undo.
   */
  const rollBack = (replaced: Set<string>, adds: Set<string>): boolean => {
    let from = history.length;
    for (const id of replaced) {
      const i = history.findIndex((h) => h.id === id);
      if (i < 0) return false;
      from = Math.min(from, i);
    }
    for (let i = history.length - 1; i >= from; i--) {
      history[i]!.journal.rollback();
      adds.add(history[i]!.id);
      stats.rolledBack++;
    }
    // The flattened output is still good up to where it stood before the first undone append, if that append and the
    // later ones only extended it (the same arrays); flow copies are redone, since undone and new exchanges can swap.
    const mark = history[from]?.flat;
    const flat = state!.flat;
    if (mark && flat && flat.labels === mark.labels && flat.findings === mark.findings && flat.labels.length >= mark.labelCount && flat.findings.length >= mark.findingCount) {
      flat.labels.length = mark.labelCount;
      flat.findings.length = mark.findingCount;
      state!.flat = { labels: flat.labels, findings: flat.findings, flows: new Map() };
    } else {
      state!.flat = undefined;
    }
    history = history.slice(0, from);
    return true;
  };
  const appendWithJournal = async (c: CachedFacts) => {
    const s = state!;
    const flat = s.flat ? { labels: s.flat.labels, findings: s.flat.findings, labelCount: s.flat.labels.length, findingCount: s.flat.findings.length } : undefined;
    const journal = new UndoJournal();
    await appendToState(s, c, crypto, journal);
    history.push({ id: c.facts.id, journal, flat });
  };

  /**
   * One result at a time, over the exchanges added before it started: add() may be called while a result is being
   * computed (a live feed does), and what it adds then is left for the next result, never dropped.
   */
  let queue: Promise<unknown> = Promise.resolve();
  const compute = async (): Promise<Analysis> => {
    const adds = appended;
    const repl = replaced;
    const mustRebuild = rebuild || !state;
    appended = new Set();
    replaced = new Set();
    rebuild = false;
    if (!mustRebuild && state && (repl.size === 0 || rollBack(repl, adds))) {
      const candidates = [...adds].map(slot).sort((a, b) => bySeq(a.facts.exchange, b.facts.exchange));
      let maxSeq = state.maxSeq;
      const inPlace = candidates.every((c) => {
        const ok = c.facts.seq > maxSeq && isContextNeutral(state!.ctx, c);
        maxSeq = c.facts.seq;
        return ok;
      });
      if (inPlace) {
        for (const c of candidates) {
          await appendWithJournal(c);
          stats.appended++;
        }
        if (history.length > MAX_UNDO) history = history.slice(history.length - MAX_UNDO);
        return toAnalysis(state!, options);
      }
    }
    const ordered = [...byId.keys()].map(slot).sort((a, b) => bySeq(a.facts.exchange, b.facts.exchange));
    stats.rebuilds++;
    history = [];
    // Recent pending exchanges are folded in place on top of the bulk build, so their completion is a rollback, not another rebuild.
    const split = bulkOnly ? ordered.length : tailStart(ordered);
    state = await buildState(ordered.slice(0, split), crypto);
    const tail = ordered.slice(split);
    if (!tail.every((c) => isContextNeutral(state!.ctx, c))) {
      state = await buildState(ordered, crypto);
      return toAnalysis(state, options);
    }
    for (const c of tail) await appendWithJournal(c);
    return toAnalysis(state!, options);
  };

  return {
    add(exchange: Exchange): void {
      const id = String(exchange?._id);
      const previous = byId.get(id);
      if (previous?.exchange === exchange) return;
      byId.set(id, { exchange, cached: undefined });
      if (!state) rebuild = true;
      else if (!previous) appended.add(id);
      else if (!appended.has(id)) replaced.add(id);
    },
    result(): Promise<Analysis> {
      const run = queue.then(async () => {
        try {
          return await compute();
        } catch (error) {
          // A bug of ours: whatever was half done is dropped, and the next result starts from scratch.
          state = undefined;
          rebuild = true;
          history = [];
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    stats: () => ({ ...stats }),
  };
}
