// `analyze <file> --exchange <n>`: one exchange in detail — its request, response, what it was recognized as, its findings.
import { exchangeNumber, findExchange, visibleText, type Exchange } from '@oauth-inspector/core';
import type { Analysis } from '@oauth-inspector/core/analysis/types.ts';
import { InspectorError } from '../errors.ts';

/** The lines for exchange `ref` (`5`, `#5` or an `_id`); every line is captured text, so it is escaped. */
export function exchangeReport(
  exchanges: readonly Exchange[],
  ref: string,
  analysis: Analysis,
  labels: ReadonlyMap<string, string>,
): string[] {
  const x = findExchange(exchanges, ref);
  if (!x)
    throw new InspectorError(
      'no-exchange',
      exchanges.length === 0
        ? `There is no exchange ${visibleText(ref)}: this file holds no exchanges.`
        : `There is no exchange ${visibleText(ref)} in this file: it holds #1 to #${exchanges.reduce((most, e) => Math.max(most, exchangeNumber(e)), 0)}.`,
    );
  const step = analysis.steps.find((s) => s.exchangeIds.includes(x._id));
  const lines = [
    `${labels.get(x._id)} (${x._id}) ${x.request.method} ${x.request.url}`,
    `  ${x._state === 'failed' ? `failed: ${x._error?.code ?? ''} ${x._error?.message ?? ''}` : `${x.response.status} ${x.response.statusText}`} · ${x._channel} · ${x.startedDateTime}`,
    ...(step ? [`  step ${step.number}. ${step.title}`] : []),
    ...analysis.labels.filter((l) => l.exchangeId === x._id).map((l) => `  ${l.recognizer}: ${l.summary}`),
  ];
  const findings = analysis.findings.filter(
    (f) => f.status !== 'not-applicable' && f.evidence.some((e) => e.exchangeId === x._id),
  );
  for (const f of findings) lines.push(`  ${f.status.toUpperCase()} ${f.checkId}: ${f.message}`);
  return lines.map((line) => visibleText(line));
}
