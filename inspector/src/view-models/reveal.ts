// Replay as a view: narrows one analysis of the whole recording to the exchanges revealed so far.
import type { Analysis, StepResult, TrackDefinition } from '@oauth-inspector/core';

/**
 * Keeps labels, findings and token sightings whose exchanges are all revealed, and recomputes step status:
 * a step is seen once one of its exchanges is revealed (an inferred step is explained once the step it is inferred
 * from is), and failed only if one of its failing findings is revealed.
 */
export function revealAnalysis(
  analysis: Analysis,
  revealed: ReadonlySet<string>,
  track: TrackDefinition | undefined,
): Analysis {
  const labels = analysis.labels.filter((l) => revealed.has(l.exchangeId));
  const findings = analysis.findings.filter(
    (f) => f.evidence.length > 0 && f.evidence.every((e) => revealed.has(e.exchangeId)),
  );
  const findingIds = new Set(findings.map((f) => f.id));
  const failing = new Set(findings.filter((f) => f.status === 'fail').map((f) => f.id));
  const tokens = analysis.tokens
    .map((t) => ({ ...t, sightings: t.sightings.filter((s) => revealed.has(s.exchangeId)) }))
    .filter((t) => t.sightings.length > 0);
  const byId = new Map<string, StepResult>();
  const steps = analysis.steps.map((step): StepResult => {
    const exchangeIds = step.exchangeIds.filter((id) => revealed.has(id));
    const stepFindings = step.findingIds.filter((id) => findingIds.has(id));
    const status =
      exchangeIds.length === 0 ? 'not-seen' : stepFindings.some((id) => failing.has(id)) ? 'failed' : 'seen';
    const result = { ...step, exchangeIds, findingIds: stepFindings, status } satisfies StepResult;
    byId.set(step.stepId, result);
    return result;
  });
  // Inferred steps follow the step they are inferred from (in track order, so chains resolve).
  const inferredFrom = new Map(
    (track?.steps ?? []).filter((s) => s.inferredFrom).map((s) => [s.id, s.inferredFrom as string]),
  );
  for (const step of steps) {
    const source = inferredFrom.get(step.stepId);
    if (step.inferred && source) {
      const from = byId.get(source);
      const explained =
        from &&
        from.status !== 'not-seen' &&
        analysis.steps.find((s) => s.stepId === step.stepId)?.status !== 'not-seen';
      step.status = !explained ? 'not-seen' : step.findingIds.some((id) => failing.has(id)) ? 'failed' : 'explained';
    }
  }
  const links = analysis.links.filter((l) => revealed.has(l.exchangeId) && revealed.has(l.servesExchangeId));
  return { labels, steps, findings, tokens, flows: analysis.flows, links };
}
