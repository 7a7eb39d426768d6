// What every check receives: the context, labels, flows and tokens, the units to visit; and the sink its findings go to.
import type { Finding } from './types.ts';
import type { AnalysisContext } from './context.ts';
import type { FlowRecord, FlowResult } from './flows.ts';
import type { ExchangeFacts } from './exchange-facts.ts';
import type { TokenRecord } from './tokens.ts';
import type { CryptoCache } from './crypto-cache.ts';
import type { LabelSet } from './label-set.ts';
import type { CheckId } from './ids.ts';
import type { CheckStatus, Evidence, Severity, SpecRef } from './types.ts';

/** A check's catalogue record: its stable id, how much it matters, what it says, the spec sections it rests on. */
export interface CheckDefinition {
  id: CheckId;
  severity: Severity;
  title: string;
  spec: SpecRef[];
}

/** Reports one finding of the check it was made for, anchored at `exchangeId`. */
export type Emit = (
  exchangeId: string,
  status: CheckStatus,
  message: string,
  evidence: Evidence[],
  extra?: Pick<Finding, 'computed'>,
) => void;

export interface CheckEnv {
  ctx: AnalysisContext;
  labels: Map<string, LabelSet>;
  flows: FlowResult;
  tokenByValue: Map<string, TokenRecord>;
  crypto: CryptoCache;
  /** The units to visit, in capture order: everything in a full run, only those around a new exchange in an incremental one. */
  units: { facts: readonly ExchangeFacts[]; flows: readonly FlowRecord[]; tokens: readonly TokenRecord[] };
  /**
   * Whether findings anchored at this exchange are being (re)computed. Every finding is anchored at the exchange
   * named in its id; an incremental run recomputes only the anchors a new exchange can affect.
   */
  dirty(exchangeId: string): boolean;
}

/**
 * Collects findings into one bucket per anchor exchange; ids are unique per bucket, hence in the whole analysis. Each
 * check gets an emit bound to its own catalogue record, so a check can only ever report its own rule.
 */
export function createFindingSink(
  flows: FlowResult,
  buckets: Map<string, Finding[]>,
  dirty: Set<string> | undefined,
): { emitFor(def: CheckDefinition): Emit; dirty: CheckEnv['dirty'] } {
  const isDirty = (exchangeId: string) => dirty === undefined || dirty.has(exchangeId);
  const emitFor =
    (def: CheckDefinition): Emit =>
    (exchangeId, status, message, evidence, extra) => {
      if (!isDirty(exchangeId)) return;
      let bucket = buckets.get(exchangeId);
      if (!bucket) buckets.set(exchangeId, (bucket = []));
      let id = `${def.id}:${exchangeId}`;
      for (let n = 2; bucket.some((f) => f.id === id); n++) id = `${def.id}:${exchangeId}:${n}`;
      const finding: Finding = {
        id,
        checkId: def.id,
        status,
        severity: def.severity,
        title: def.title,
        message,
        spec: def.spec,
        evidence,
      };
      if (extra?.computed) finding.computed = extra.computed;
      const flow = flows.flowOf.get(exchangeId);
      if (flow) finding.flowId = flow.info.id;
      bucket.push(finding);
    };
  return { emitFor, dirty: isDirty };
}
