// View-model of lesson mode's current step: status, neighbours, the messages it shows (its own or those it is inferred from), what to do when unseen, and computed chains.
import { exchangeLabel, type Analysis, type Exchange } from '@oauth-inspector/core';
import type { LessonStep } from '@oauth-inspector/lessons';
import { markdownSection } from './lesson-focus.ts';
import type { TimelineStep } from './timeline.ts';

export interface StepFindingView {
  id: string;
  checkId: string;
  status: string;
  title: string;
  /** Values the check computed, in order (e.g. verifier → SHA-256 → base64url = challenge). */
  chain: { label: string; value: string }[];
}

export interface MessageTab {
  id: string;
  label: string;
}

export interface LessonStepView {
  number: number;
  title: string;
  /** The timeline's status; any string the analyzer adds later is shown as it is. */
  status: string;
  prev?: number;
  next?: number;
  /** The messages to show beside the text, in capture order (the first MESSAGE_TABS of them). */
  tabs: MessageTab[];
  /** How many more messages the step has than the tabs offer (all are in the Exchanges view). */
  moreMessages: number;
  /** When the step has no message of its own: the step whose messages it is read from. */
  readFrom?: number;
  /** When the step has not happened yet: what to do to make it happen. */
  hint?: string;
  /** When the step has not happened yet and only a sample-world scenario produces it: that scenario's id. */
  scenario?: string;
  findings: StepFindingView[];
}

const TO_SEE = /^##\s+To see this step\b/i;
/** A step seen many times (a long session) offers its first messages as tabs; the exchange list has them all. */
export const MESSAGE_TABS = 12;

/** What to do to make a step happen, from the lesson's own data. */
export function stepHint(lesson: LessonStep): string {
  if (lesson.scenario)
    return `This step is seen in the ${lesson.scenario} scenario: pick it in the Scenario menu and sign in again, or open the ${lesson.scenario} recording.`;
  if (lesson.fromProtocol)
    return 'The sample cannot produce this step: open a recording (or a HAR) of an authorization server that does.';
  const own = markdownSection(lesson.body, TO_SEE);
  return own ? own.replace(/\s+/g, ' ') : 'Sign in to the sample app: this step is part of every sign-in.';
}

function tabLabel(exchange: Exchange): string {
  let path = exchange.request.url;
  try {
    const url = new URL(exchange.request.url);
    path = `${url.host}${url.pathname}`;
  } catch {
    // keep the raw text
  }
  const status = exchange._state === 'complete' ? ` → ${exchange.response.status}` : '';
  return `${exchangeLabel(exchange)} ${exchange.request.method} ${path}${status}`;
}

/** The step a step with no message of its own is read from (following inferredFrom), and its exchanges. */
function messagesOf(
  lesson: LessonStep,
  steps: readonly TimelineStep[],
  lessons: readonly LessonStep[],
): { ids: string[]; from?: number } {
  let current: LessonStep | undefined = lesson;
  for (let hops = 0; current && hops < 5; hops++) {
    const timeline = steps.find((st) => st.stepId === current!.id);
    if (timeline && timeline.exchangeIds.length > 0)
      return { ids: timeline.exchangeIds, ...(current === lesson ? {} : { from: current.number }) };
    current = current.inferredFrom ? lessons.find((l) => l.id === current!.inferredFrom) : undefined;
  }
  return { ids: [] };
}

export function lessonStepView(
  lesson: LessonStep,
  lessons: readonly LessonStep[],
  steps: readonly TimelineStep[],
  analysis: Analysis,
  exchanges: ReadonlyMap<string, Exchange>,
): LessonStepView {
  const timeline = steps.find((st) => st.stepId === lesson.id);
  const status = timeline?.status ?? 'not-seen';
  const at = lessons.findIndex((l) => l.id === lesson.id);
  const { ids, from } = messagesOf(lesson, steps, lessons);
  const findingIds = new Set(timeline?.findingIds ?? []);
  const findings = analysis.findings
    .filter((f) => findingIds.has(f.id))
    .map((f) => ({ id: f.id, checkId: f.checkId, status: f.status, title: f.title, chain: f.computed ?? [] }));
  const tabs = ids.slice(0, MESSAGE_TABS).flatMap((id) => {
    const exchange = exchanges.get(id);
    return exchange ? [{ id, label: tabLabel(exchange) }] : [];
  });
  return {
    number: lesson.number,
    title: lesson.title,
    status,
    ...(at > 0 ? { prev: lessons[at - 1]!.number } : {}),
    ...(at >= 0 && at < lessons.length - 1 ? { next: lessons[at + 1]!.number } : {}),
    tabs,
    moreMessages: Math.max(0, ids.length - MESSAGE_TABS),
    ...(from !== undefined ? { readFrom: from } : {}),
    ...(status === 'not-seen' && tabs.length === 0
      ? { hint: stepHint(lesson), ...(lesson.scenario ? { scenario: lesson.scenario } : {}) }
      : {}),
    findings,
  };
}
