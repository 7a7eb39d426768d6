// The bulk fold: every exchange in capture order → cached facts, recognizer labels, flows, tokens and findings per anchor exchange.
import type { Exchange } from '../har.ts';
import type { RecognizerId } from './ids.ts';
import type { ExchangeLabel, Finding, FlowInfo } from './types.ts';
import { exchangeFacts, type ExchangeFacts } from './exchange-facts.ts';
import { buildContext, isJwks, isMetadataDocument, type AnalysisContext } from './context.ts';
import { RECOGNIZERS } from './recognizers.ts';
import { FlowCorrelator, type FlowResult } from './flows.ts';
import { TokenCollector } from './tokens.ts';
import type { CryptoCache } from './crypto-cache.ts';
import type { LabelSet } from './label-set.ts';
import { runChecks, type CheckedFold } from './run-checks.ts';

const RECOGNIZER_ORDER = new Map(RECOGNIZERS.map((r, i) => [r.id, i]));
const PREFLIGHT_RECOGNIZERS = RECOGNIZERS.filter((r) => r.preflights);

export interface CachedFacts {
  facts: ExchangeFacts;
  intrinsic: { meta: boolean; keys: boolean };
  /** Recognizer verdicts, valid while the shared context (metadata, keys, origins) has the same version. */
  labels?: { version: string; summaries: Map<RecognizerId, string> };
}

export function factsOf(exchange: Exchange): CachedFacts {
  // exchangeFacts reads every field defensively, so malformed exchanges give empty facts instead of exceptions.
  const facts = exchangeFacts(exchange);
  return { facts, intrinsic: { meta: isMetadataDocument(facts), keys: isJwks(facts) } };
}

/** Everything recognizers read besides the exchange itself; when it is unchanged, cached verdicts stay valid. */
function contextVersion(ctx: AnalysisContext): string {
  return [
    ctx.metadata.map((m) => m.exchangeId).join(','),
    [...new Set(ctx.keys.map((k) => k.exchangeId))].join(','),
    [...ctx.asOrigins].join(','),
    [...ctx.apiOrigins].join(','),
  ].join('|');
}

export function recognize(c: CachedFacts, ctx: AnalysisContext, version: string): Map<RecognizerId, string> {
  if (c.labels?.version !== version) {
    const sums = new Map<RecognizerId, string>();
    // An OPTIONS request is at most a CORS preflight (see Recognizer.preflights).
    const recognizers = c.facts.method === 'OPTIONS' ? PREFLIGHT_RECOGNIZERS : RECOGNIZERS;
    for (const r of recognizers) {
      const summary = r.match(c.facts, ctx);
      if (summary !== undefined) sums.set(r.id, summary);
    }
    c.labels = { version, summaries: sums };
  }
  return c.labels.summaries;
}

/** The flattened output of the last result, extended in place when only the newest exchange changed. */
export interface Flat {
  labels: ExchangeLabel[];
  findings: Finding[];
  flows: Map<FlowInfo, { copy: FlowInfo; size: number }>;
  stale?: true;
}

/** The analysis state of a session: a fold over its exchanges in capture order, plus findings bucketed per anchor exchange. */
export interface State extends CheckedFold {
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
  flat?: Flat;
}

const OTHER_ONLY: ReadonlySet<RecognizerId> = new Set<RecognizerId>(['other']);

/** The labels of one exchange (its recognizer verdicts plus those derived from flows), recorded in state.labelSets. */
export function labelArray(
  state: State,
  f: ExchangeFacts,
  extras: Map<RecognizerId, string> | undefined,
  base: Map<RecognizerId, string>,
): ExchangeLabel[] {
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
    const label: ExchangeLabel = {
      exchangeId: f.id,
      recognizer: id,
      summary: base.get(id) ?? extras?.get(id) ?? `${f.method} ${f.path || f.exchange.request?.url || ''}`,
    };
    if (flowId) label.flowId = flowId;
    return label;
  });
}

export function extrasByExchange(flows: FlowResult): Map<string, Map<RecognizerId, string>> {
  const map = new Map<string, Map<RecognizerId, string>>();
  for (const e of flows.extraLabels) {
    let m = map.get(e.exchangeId);
    if (!m) map.set(e.exchangeId, (m = new Map()));
    if (!m.has(e.recognizer)) m.set(e.recognizer, e.summary);
  }
  return map;
}

/** Folds `cached` (in capture order) from scratch: context, labels, flows, tokens with verified signatures, then every check. */
export async function buildState(cached: CachedFacts[], crypto: CryptoCache): Promise<State> {
  const facts = cached.map((c) => c.facts);
  const intrinsic = new Map(cached.map((c) => [c.facts, c.intrinsic]));
  const ctx = buildContext(
    facts,
    (f) => intrinsic.get(f)!.meta,
    (f) => intrinsic.get(f)!.keys,
  );
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
  const state: State = {
    cached,
    cachedById: new Map(cached.map((c) => [c.facts.id, c])),
    ctx,
    version,
    correlator,
    collector,
    flows,
    labelSets: new Map(),
    labelArrays: new Map(),
    extraKeys: new Map(),
    buckets: new Map(),
    maxSeq: -Infinity,
  };
  const extras = extrasByExchange(flows);
  cached.forEach((c, i) =>
    state.labelArrays.set(c.facts.id, labelArray(state, c.facts, extras.get(c.facts.id), bases[i]!)),
  );
  state.extraKeys = extras;
  state.maxSeq = cached.reduce((m, c) => Math.max(m, c.facts.seq), -Infinity);
  await runChecks(state, crypto, undefined);
  return state;
}
