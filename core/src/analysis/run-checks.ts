// Runs the checks of the catalogue in pipeline order over the fold, on everything or only on the units around dirty exchanges.
import type { Finding } from './types.ts';
import type { AnalysisContext } from './context.ts';
import type { FlowRecord, FlowResult } from './flows.ts';
import type { TokenCollector, TokenRecord } from './tokens.ts';
import type { CryptoCache } from './crypto-cache.ts';
import type { LabelSet } from './label-set.ts';
import { createFindingSink, type CheckEnv } from './check-env.ts';
import { CHECK_PIPELINE } from './check-catalogue.ts';

/** What the checks read from the fold, and where their findings go (one bucket per anchor exchange). */
export interface CheckedFold {
  ctx: AnalysisContext;
  flows: FlowResult;
  labelSets: Map<string, LabelSet>;
  collector: TokenCollector;
  buckets: Map<string, Finding[]>;
}

/** Only the units that emit findings anchored at dirty exchanges: their facts, their flows, the tokens seen in them. */
function dirtyUnits(fold: CheckedFold, dirty: Set<string>): CheckEnv['units'] {
  const facts = [...dirty].map((id) => fold.ctx.byId.get(id)!).sort((a, b) => a.seq - b.seq);
  const flows = new Set<FlowRecord>();
  const tokens = new Set<TokenRecord>();
  for (const f of facts) {
    const flow = fold.flows.flowOf.get(f.id);
    if (flow) flows.add(flow);
    for (const t of f.tokens) {
      const rec = fold.collector.byValue.get(t.value);
      if (rec) tokens.add(rec);
    }
  }
  const index = (id: string) => Number(id.slice(id.indexOf('-') + 1 || 1));
  return {
    facts,
    flows: [...flows].sort((a, b) => index(a.info.id) - index(b.info.id)),
    tokens: [...tokens].sort((a, b) => Number(a.info.id.slice(1)) - Number(b.info.id.slice(1))),
  };
}

export async function runChecks(fold: CheckedFold, crypto: CryptoCache, dirty: Set<string> | undefined): Promise<void> {
  const sink = createFindingSink(fold.flows, fold.buckets, dirty);
  const units: CheckEnv['units'] = dirty
    ? dirtyUnits(fold, dirty)
    : { facts: fold.ctx.facts, flows: fold.flows.flows, tokens: fold.collector.tokens };
  const env: CheckEnv = {
    ctx: fold.ctx,
    labels: fold.labelSets,
    flows: fold.flows,
    tokenByValue: fold.collector.byValue,
    crypto,
    units,
    dirty: sink.dirty,
  };
  for (const check of CHECK_PIPELINE) await check.run(env, sink.emitFor(check));
}
