// Selectors for lesson mode: the current step (the one selected, else the first), its view, and the message shown beside it.
import type { Analysis, Exchange } from '@oauth-inspector/core';
import type { LessonTrack } from '@oauth-inspector/lessons';
import { focusNotes } from '../view-models/lesson-focus.ts';
import { lessonMessage } from '../view-models/lesson-message.ts';
import { lessonStepView } from '../view-models/lesson-step.ts';
import type { TimelineStep } from '../view-models/timeline.ts';
import type { InspectorState } from './inspector-state.ts';
import { memo } from './memo.ts';

export interface LessonSelectorInputs {
  track: (s: InspectorState) => LessonTrack | undefined;
  timeline: (s: InspectorState) => TimelineStep[];
  analysis: (s: InspectorState) => Analysis;
  exchanges: (s: InspectorState) => readonly Exchange[];
}

export function createLessonSelectors(inputs: LessonSelectorInputs) {
  const byIdOf = memo((exchanges: readonly Exchange[]) => new Map(exchanges.map((e) => [e._id, e])));
  const lessonOf = (s: InspectorState) => {
    const steps = inputs.track(s)?.steps ?? [];
    return steps.find((st) => st.number === s.selectedStepNumber) ?? steps[0];
  };
  const notesOf = memo((body: string) => focusNotes(body));
  const viewOf = memo(lessonStepView);
  const view = (s: InspectorState) => {
    const lesson = lessonOf(s);
    const track = inputs.track(s);
    if (!lesson || !track) return undefined;
    return viewOf(lesson, track.steps, inputs.timeline(s), inputs.analysis(s), byIdOf(inputs.exchanges(s)));
  };
  const messageOf = memo(lessonMessage);
  const findingIdsOf = memo((findings: readonly { id: string }[]) => findings.map((f) => f.id));
  return {
    /** The step lesson mode shows: the selected one, else the track's first. */
    lessonModeStep: lessonOf,
    lessonModeView: view,
    /** The message beside the text: the selected exchange when it is one of the step's, else the step's first. */
    lessonModeMessage: (s: InspectorState) => {
      const v = view(s);
      const lesson = lessonOf(s);
      if (!v || !lesson || v.tabs.length === 0) return undefined;
      const id = v.tabs.some((t) => t.id === s.selectedExchangeId) ? s.selectedExchangeId! : v.tabs[0]!.id;
      const exchange = byIdOf(inputs.exchanges(s)).get(id);
      if (!exchange) return undefined;
      return messageOf(exchange, inputs.analysis(s), notesOf(lesson.body), findingIdsOf(v.findings));
    },
  };
}
