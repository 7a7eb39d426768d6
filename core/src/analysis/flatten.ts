// Flattens the fold into an Analysis: labels and findings in capture order, flow copies, tokens and lesson steps.
import type { Analysis, AnalyzeOptions, FlowInfo } from './types.ts';
import type { State } from './fold.ts';
import { mapSteps } from './steps.ts';
import { isBackChannel, linkList } from './links.ts';

/** Reuses the flattened lists of the last result when appends only extended them; rebuilds them otherwise. */
export function toAnalysis(state: State, options: AnalyzeOptions | undefined): Analysis {
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
  return {
    labels: [...labels],
    steps: mapSteps(options?.track, labels, findings, {
      endpointOf: (id) => state.ctx.byId.get(id)?.endpoint,
      tokens: state.collector.tokens.map((t) => t.info),
      isBackChannel: (id) => {
        const f = state.ctx.byId.get(id);
        return f !== undefined && isBackChannel(f);
      },
    }),
    findings: [...findings],
    tokens: state.collector.tokens.map((t) => t.info),
    flows,
    links: linkList(state.ctx.links),
  };
}
