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
import { createFindingSink, type CheckEnv } from './check-env.ts';
import { checkAuthorizationRequests } from './check-authorization-request.ts';
import { checkAuthorizationResponses } from './check-authorization-response.ts';
import { checkPkce } from './check-pkce.ts';
import { checkTokenExchanges } from './check-token.ts';
import { checkJwts } from './check-jwt.ts';
import { checkApi } from './check-api.ts';
import { checkSessions } from './check-session.ts';
import { mapSteps } from './steps.ts';

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
  labelSets: Map<string, Set<RecognizerId>>;
  labelArrays: Map<string, ExchangeLabel[]>;
  /** Labels derived from flows at the last result, per exchange. */
  extraKeys: Map<string, Map<RecognizerId, string>>;
  buckets: Map<string, Finding[]>;
  maxSeq: number;
  /** The flattened output of the last result, extended in place when only the newest exchange changed. */
  flat?: { labels: ExchangeLabel[]; findings: Finding[]; flows: Map<FlowInfo, { copy: FlowInfo; size: number }> };
}

function labelArray(state: State, f: ExchangeFacts, extras: Map<RecognizerId, string> | undefined, base: Map<RecognizerId, string>): ExchangeLabel[] {
  const set = new Set<RecognizerId>(base.keys());
  if (extras) for (const id of extras.keys()) set.add(id);
  if (set.size === 0) set.add('other');
  state.labelSets.set(f.id, set);
  const flowId = state.flows.flowOf.get(f.id)?.info.id;
  return [...set].sort((a, b) => RECOGNIZER_ORDER.get(a)! - RECOGNIZER_ORDER.get(b)!).map((id) => ({
    exchangeId: f.id,
    recognizer: id,
    summary: base.get(id) ?? extras?.get(id) ?? `${f.method} ${f.path || f.exchange.request?.url || ''}`,
    ...(flowId ? { flowId } : {}),
  }));
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
    correlator.push(ctx, f, new Set(bases[i]!.keys()));
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

/** An exchange that changes nothing shared (metadata, keys, authorization server or API origins) can be appended in place. */
function isContextNeutral(ctx: AnalysisContext, c: CachedFacts): boolean {
  const f = c.facts;
  if (c.intrinsic.meta || c.intrinsic.keys) return false;
  if ((f.query.has('response_type') && f.query.has('client_id')) || (f.form.has('response_type') && f.form.has('client_id'))) return false;
  if (ctx.endpoints.get(f.endpoint)?.kind === 'authorization') return false;
  if (f.bearer && f.origin && !ctx.endpoints.has(f.endpoint) && !/\/userinfo/i.test(f.path) && !ctx.apiOrigins.has(f.origin)) return false;
  return true;
}

/** Appends one exchange to the fold and recomputes only the findings anchored where it can matter. */
async function appendToState(state: State, c: CachedFacts, crypto: CryptoCache): Promise<void> {
  const f = c.facts;
  state.cached.push(c);
  state.cachedById.set(f.id, c);
  state.ctx.facts.push(f);
  state.ctx.byId.set(f.id, f);
  if (isKeyFailure(f, state.ctx.endpoints)) state.ctx.keyFailures.push(f);
  state.maxSeq = f.seq;
  const base = recognize(c, state.ctx, state.version);
  state.correlator.push(state.ctx, f, new Set(base.keys()));
  const touched = state.collector.add(f, crypto, true);
  await state.collector.verify(touched, state.ctx.keys, crypto);
  // Flow-derived labels change only when a login page or an authorization response joins a flow.
  const flowShape = base.has('login-page') || base.has('login-submit') || base.has('authorization-response') || base.has('authorization-error');
  if (flowShape) state.flows = state.correlator.finish();
  const extras = flowShape ? extrasByExchange(state.flows) : state.extraKeys;
  const relabel = new Set<string>([f.id]);
  const derivedKey = (m: Map<RecognizerId, string> | undefined) => (m ? [...m].map(([k, v]) => `${k}=${v}`).join('\u0000') : '');
  if (flowShape) for (const id of new Set([...state.extraKeys.keys(), ...extras.keys()])) {
    if (derivedKey(state.extraKeys.get(id)) !== derivedKey(extras.get(id))) relabel.add(id);
  }
  const labelsChanged = relabel.size > 1;
  for (const id of relabel) {
    const cc = state.cachedById.get(id)!;
    state.labelArrays.set(id, labelArray(state, cc.facts, extras.get(id), recognize(cc, state.ctx, state.version)));
  }
  state.extraKeys = extras;
  const dirty = new Set<string>([f.id]);
  for (const t of touched) for (const s of t.info.sightings) dirty.add(s.exchangeId);
  const previous = new Map<string, Finding[]>();
  for (const id of dirty) {
    const bucket = state.buckets.get(id);
    if (bucket) previous.set(id, bucket);
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
  if (state.flat) {
    if (labelsChanged || findingsChanged) state.flat = { ...state.flat, labels: [], findings: [] };
    else {
      state.flat.labels.push(...state.labelArrays.get(f.id)!);
      state.flat.findings.push(...(state.buckets.get(f.id) ?? []));
    }
  }
}

function toAnalysis(state: State, options: AnalyzeOptions | undefined): Analysis {
  const flowCopies = state.flat?.flows ?? new Map<FlowInfo, { copy: FlowInfo; size: number }>();
  let labels = state.flat?.labels ?? [];
  let findings = state.flat?.findings ?? [];
  if (labels.length === 0 || findings.length === 0) {
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

/**
 * An analyzer fed one exchange at a time (live capture). Per-exchange work (parsing, recognition, JWT decoding,
 * signature verification, hashes) is cached. An exchange appended after all others that changes no shared context
 * is folded in place and only the findings it can affect are recomputed; anything else (an earlier exchange, a new
 * version of one already seen, a new metadata document, key set, authorization request or API origin) rebuilds
 * the cross-exchange state from the caches. Either way the answer equals analyze() over everything added.
 */
export function createAnalyzer(options?: AnalyzeOptions): { add(exchange: Exchange): void; result(): Promise<Analysis> } {
  const crypto = new CryptoCache();
  const byId = new Map<string, { exchange: Exchange; cached: CachedFacts | undefined }>();
  let state: State | undefined;
  let rebuild = true;
  let appended: Exchange[] = [];
  return {
    add(exchange: Exchange): void {
      const id = String(exchange?._id);
      const previous = byId.get(id);
      if (previous?.exchange === exchange) return;
      byId.set(id, { exchange, cached: undefined });
      if (previous || !state) rebuild = true;
      else appended.push(exchange);
    },
    async result(): Promise<Analysis> {
      const slot = (e: Exchange) => {
        const s = byId.get(String(e._id))!;
        if (!s.cached) s.cached = factsOf(e);
        return s.cached;
      };
      if (!rebuild && state) {
        const adds = [...appended].sort(bySeq);
        let maxSeq = state.maxSeq;
        const candidates = adds.map(slot);
        const inPlace = candidates.every((c) => {
          const ok = c.facts.seq > maxSeq && isContextNeutral(state!.ctx, c);
          maxSeq = c.facts.seq;
          return ok;
        });
        if (inPlace) {
          for (const c of candidates) await appendToState(state, c, crypto);
          appended = [];
          return toAnalysis(state, options);
        }
      }
      const ordered = [...byId.values()].map((v) => v.exchange).sort(bySeq);
      state = await buildState(ordered.map(slot), crypto);
      rebuild = false;
      appended = [];
      return toAnalysis(state, options);
    },
  };
}
