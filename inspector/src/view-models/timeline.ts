// View-model of the step timeline: each track step with its status (seen / not seen / failed) and exchanges, under replay.
import type { Analysis, StepStatus, TrackDefinition } from '@oauth-inspector/core';

export interface TimelineStep {
  number: number;
  stepId: string;
  title: string;
  status: StepStatus;
  exchangeIds: string[];
  findingIds: string[];
  inferred: boolean;
}

/** Steps from the analysis, or every step of the track as not-seen when nothing matched yet. */
export function timelineView(analysis: Analysis, track: TrackDefinition | undefined): TimelineStep[] {
  const byId = new Map(analysis.steps.map((s) => [s.stepId, s]));
  const steps = track?.steps ?? analysis.steps.map((s) => ({ id: s.stepId, number: s.number, title: s.title }));
  return steps.map((step) => {
    const result = byId.get(step.id);
    return {
      number: step.number,
      stepId: step.id,
      title: step.title,
      status: result?.status ?? 'not-seen',
      exchangeIds: result?.exchangeIds ?? [],
      findingIds: result?.findingIds ?? [],
      inferred: result?.inferred ?? false,
    };
  });
}

/** Indexes (in capture order) of the first exchange of each seen step, for "next step" in replay. */
export function stepStarts(steps: readonly TimelineStep[], indexOf: ReadonlyMap<string, number>): number[] {
  const starts = new Set<number>();
  for (const step of steps) {
    const positions = step.exchangeIds.map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined);
    if (positions.length > 0) starts.add(Math.min(...positions));
  }
  return [...starts].sort((a, b) => a - b);
}

export function timelineSummary(steps: readonly TimelineStep[]): { seen: number; failed: number; total: number } {
  return {
    seen: steps.filter((s) => s.status === 'seen').length,
    failed: steps.filter((s) => s.status === 'failed').length,
    total: steps.length,
  };
}
