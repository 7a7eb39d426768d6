// Maps labels and findings onto the steps of a lesson track: seen, not seen, failed, or inferred from another step.
import type { ExchangeLabel, Finding, StepResult, TrackDefinition } from './types.ts';

export function mapSteps(
  track: TrackDefinition | undefined,
  labels: ExchangeLabel[],
  findings: Finding[],
): StepResult[] {
  if (!track) return [];
  const results = new Map<string, StepResult>();
  const byRecognizer = new Map<string, string[]>();
  for (const l of labels) {
    const list = byRecognizer.get(l.recognizer);
    if (list) list.push(l.exchangeId);
    else byRecognizer.set(l.recognizer, [l.exchangeId]);
  }
  const byCheck = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  const order = new Map<string, number>();
  for (const l of labels) if (!order.has(l.exchangeId)) order.set(l.exchangeId, order.size);
  for (const step of track.steps) {
    const exchangeIds = [...new Set(step.recognizers.flatMap((r) => byRecognizer.get(r) ?? []))].sort(
      (a, b) => order.get(a)! - order.get(b)!,
    );
    const own = step.checks.flatMap((c) => byCheck.get(c) ?? []);
    const failed = own.some((f) => f.status === 'fail');
    results.set(step.id, {
      stepId: step.id,
      number: step.number,
      title: step.title,
      status: failed ? 'failed' : exchangeIds.length > 0 ? 'seen' : 'not-seen',
      exchangeIds,
      findingIds: own.map((f) => f.id),
      inferred: false,
    });
  }
  // Steps with no message of their own follow the step they are inferred from (chains resolved in track order, then once more).
  for (let pass = 0; pass < 2; pass++) {
    for (const step of track.steps) {
      if (!step.inferredFrom) continue;
      const own = results.get(step.id)!;
      const from = results.get(step.inferredFrom);
      if (own.exchangeIds.length > 0 || !from) continue;
      own.inferred = true;
      if (own.status !== 'failed') own.status = from.status === 'not-seen' ? 'not-seen' : 'seen';
    }
  }
  return track.steps.map((s) => results.get(s.id)!);
}
