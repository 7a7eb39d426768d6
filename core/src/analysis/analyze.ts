// analyze(): captured exchanges → labels, flows, tokens, findings and lesson steps; pure, deterministic, incremental through createAnalyzer().
import type { Exchange } from '../har.ts';
import type { Analysis, AnalyzeOptions } from './types.ts';
import { createAnalyzer } from './scheduler.ts';

export { createAnalyzer, type Analyzer, type AnalyzerStats } from './scheduler.ts';

/** Analyzes a whole session at once. Never throws on bad traffic: problems become findings. */
export async function analyze(exchanges: readonly Exchange[], options?: AnalyzeOptions): Promise<Analysis> {
  const analyzer = createAnalyzer(options);
  for (const e of exchanges) analyzer.add(e);
  return analyzer.result();
}
