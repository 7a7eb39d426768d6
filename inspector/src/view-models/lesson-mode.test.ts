// Lesson mode's view-models on the bundled happy-path recording of the real sample: the fields a step talks about are highlighted with their notes and findings.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, importHar, type Analysis, type Exchange } from '@oauth-inspector/core';
import { toTrackDefinition, type LessonTrack } from '@oauth-inspector/lessons';
import happyPath from '../../../lessons/recordings/happy-path.har?raw';
import { loadTracks } from '../lessons.ts';
import { focusNotes } from './lesson-focus.ts';
import { lessonMessage, type LessonMessage } from './lesson-message.ts';
import { lessonStepView, stepHint } from './lesson-step.ts';
import { timelineView } from './timeline.ts';

let track: LessonTrack;
let exchanges: Exchange[];
let analysis: Analysis;

beforeAll(async () => {
  track = loadTracks().tracks.find((t) => t.id === 'code-flow')!;
  const imported = importHar(happyPath);
  if (!imported.ok) throw new Error(imported.message);
  exchanges = imported.exchanges;
  analysis = await analyze(exchanges, { track: toTrackDefinition(track) });
});

function stepOf(number: number) {
  const lesson = track.steps.find((s) => s.number === number)!;
  const timeline = timelineView(analysis, toTrackDefinition(track));
  const byId = new Map(exchanges.map((e) => [e._id, e]));
  return { lesson, view: lessonStepView(lesson, track.steps, timeline, analysis, byId), byId };
}

function messageOf(number: number): LessonMessage {
  const { lesson, view, byId } = stepOf(number);
  const first = byId.get(view.tabs[0]!.id)!;
  return lessonMessage(
    first,
    analysis,
    focusNotes(lesson.body),
    view.findings.map((f) => f.id),
  );
}

function focused(message: LessonMessage) {
  return Object.fromEntries(
    message.sections
      .flatMap((s) => s.rows)
      .filter((r) => r.focus)
      .map((r) => [r.name, r.focus!]),
  );
}

describe('lesson focus', () => {
  it('reads the backticked names of "What to look at" with the first sentence of their note', () => {
    const notes = focusNotes(track.steps.find((s) => s.number === 4)!.body);
    const byName = Object.fromEntries(notes.map((n) => [n.name, n.note]));
    expect(byName.state).toMatch(/^a random value the SPA will expect back unchanged/);
    expect(byName.code_challenge_method).toMatch(/^the hash of a secret/);
    expect(byName.code_challenge).toBe(byName.code_challenge_method);
    expect(notes.find((n) => n.name === 'What')).toBeUndefined();
  });
});

describe('lesson mode', () => {
  it('highlights code_challenge and state in the authorization request of step 4, each linked to its check', () => {
    const fields = focused(messageOf(4));
    expect(fields.code_challenge?.note).toMatch(/hash of a secret/);
    expect(fields.code_challenge?.finding?.checkId).toMatch(/^pkce\./);
    expect(fields.state?.finding).toMatchObject({ checkId: 'state.present', status: 'pass' });
    expect(fields.client_id).toBeDefined();
    // Headers the step does not name are folded, not highlighted.
    const headers = messageOf(4).sections.find((s) => s.title === 'Request headers');
    expect(headers?.rows.every((r) => r.focus) ?? true).toBe(true);
  });

  it('reads step 9 from the token request of step 8 and carries the verifier → challenge computation', () => {
    const { view } = stepOf(9);
    expect(view.readFrom).toBe(8);
    const pkce = view.findings.find((f) => f.checkId === 'pkce.s256-matches');
    expect(pkce?.status).toBe('pass');
    expect(pkce?.chain.map((c) => c.label).join(' ')).toMatch(/code_verifier/);
    expect(focused(messageOf(9)).code_verifier).toBeDefined();
  });

  it('shows the ID token decoded at step 12 with the claims the step names highlighted', () => {
    // This recording predates the sample's nonce; the live e2e test checks the nonce.
    const message = messageOf(12);
    const idToken = message.sections.find((s) => s.title.startsWith('id-token'));
    const iss = idToken?.rows.find((r) => r.name === 'iss');
    expect(iss?.focus?.note).toMatch(/equal to the .?issuer/);
    expect(iss?.focus?.finding?.checkId).toBe('id-token.iss');
    expect(idToken?.rows.find((r) => r.name === 'kid')?.focus).toBeDefined();
    // The access token in the same response is not what step 12 is about: its claims stay unmarked.
    const access = message.sections.find((s) => s.title.startsWith('access-token'));
    expect(access?.rows.length).toBeGreaterThan(0);
    expect(access?.rows.some((r) => r.focus)).toBe(false);
  });

  it('shows a status it does not know (such as explained) as it is, with no hint to make it happen', () => {
    const lesson = track.steps.find((s) => s.number === 10)!;
    const timeline = timelineView(analysis, toTrackDefinition(track)).map((st) =>
      st.number === 10 ? { ...st, status: 'explained' as never } : st,
    );
    const view = lessonStepView(lesson, track.steps, timeline, analysis, new Map());
    expect(view.status).toBe('explained');
    expect(view.hint).toBeUndefined();
    expect(view.tabs).toEqual([]);
  });

  it('says what to do for a step that has not happened yet', () => {
    const { view } = stepOf(10);
    expect(view.tabs).toEqual([]);
    expect(view.hint).toMatch(/invalid-scope scenario/);
    // The scenario that produces it, for the one-click switch while live.
    expect(view.scenario).toBe('invalid-scope');
    expect(stepOf(1).view.scenario).toBeUndefined();
    expect(stepHint(track.steps.find((s) => s.number === 19)!)).toMatch(/Expire Token/);
    expect(stepOf(1).view.prev).toBeUndefined();
    expect(stepOf(1).view.next).toBe(2);
  });
});
