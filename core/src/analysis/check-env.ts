// What every check family receives: the context, labels, flows and tokens, and one way to emit findings.
import type { CheckId, RecognizerId } from './ids.ts';
import type { LabelSet } from './label-set.ts';
import type { CheckStatus, Evidence, Finding } from './types.ts';
import type { AnalysisContext } from './context.ts';
import type { FlowRecord, FlowResult } from './flows.ts';
import type { ExchangeFacts } from './exchange-facts.ts';
import type { TokenRecord } from './tokens.ts';
import type { CryptoCache } from './crypto-cache.ts';
import { CHECK_BY_ID } from './check-catalogue.ts';

export interface CheckEnv {
  ctx: AnalysisContext;
  labels: Map<string, LabelSet>;
  flows: FlowResult;
  tokens: TokenRecord[];
  tokenByValue: Map<string, TokenRecord>;
  crypto: CryptoCache;
  /** The units to visit, in capture order: everything in a full run, only those around a new exchange in an incremental one. */
  units: { facts: readonly ExchangeFacts[]; flows: readonly FlowRecord[]; tokens: readonly TokenRecord[] };
  emit(checkId: CheckId, exchangeId: string, status: CheckStatus, message: string, evidence: Evidence[], extra?: Pick<Finding, 'computed'>): void;
  /**
   * Whether findings anchored at this exchange are being (re)computed. Every finding is anchored at the exchange
   * named in its id; an incremental run recomputes only the anchors a new exchange can affect.
   */
  dirty(exchangeId: string): boolean;
}

/** Collects findings into one bucket per anchor exchange; ids are unique per bucket, hence in the whole analysis. */
export function createFindingSink(flows: FlowResult, buckets: Map<string, Finding[]>, dirty: Set<string> | undefined): Pick<CheckEnv, 'emit' | 'dirty'> {
  const isDirty = (exchangeId: string) => dirty === undefined || dirty.has(exchangeId);
  const emit: CheckEnv['emit'] = (checkId, exchangeId, status, message, evidence, extra) => {
    if (!isDirty(exchangeId)) return;
    const def = CHECK_BY_ID.get(checkId)!;
    let bucket = buckets.get(exchangeId);
    if (!bucket) buckets.set(exchangeId, (bucket = []));
    let id = `${checkId}:${exchangeId}`;
    for (let n = 2; bucket.some((f) => f.id === id); n++) id = `${checkId}:${exchangeId}:${n}`;
    const finding: Finding = { id, checkId, status, severity: def.severity, title: def.title, message, spec: def.spec, evidence };
    if (extra?.computed) finding.computed = extra.computed;
    const flow = flows.flowOf.get(exchangeId);
    if (flow) finding.flowId = flow.info.id;
    bucket.push(finding);
  };
  return { emit, dirty: isDirty };
}

export function hasLabel(env: CheckEnv, exchangeId: string, id: RecognizerId): boolean {
  return env.labels.get(exchangeId)?.has(id) ?? false;
}
