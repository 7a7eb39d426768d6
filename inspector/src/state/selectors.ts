// Selectors: the view-models the components render, derived from the store's state and memoized on their inputs.
import {
  capturedKeySets,
  exchangeLabels,
  type Analysis,
  type Exchange,
  type TokenInfo,
  type TrackDefinition,
} from '@oauth-inspector/core';
import { toTrackDefinition, type LessonTrack } from '@oauth-inspector/lessons';
import { checksView } from '../view-models/checks.ts';
import { diagramView } from '../view-models/diagram.ts';
import {
  filterRows,
  hostsOf,
  indexAnalysis,
  toRow,
  type ExchangeRow,
  type RowFilter,
} from '../view-models/exchange-rows.ts';
import { revealAnalysis } from '../view-models/reveal.ts';
import { stepStarts, timelineView } from '../view-models/timeline.ts';
import { tokenSummaries } from '../view-models/token-lifeline.ts';
import { tokenView } from '../view-models/tokens.ts';
import { memo } from './memo.ts';
import { createLessonSelectors } from './lesson-selectors.ts';
import { createSelectedSelectors } from './selected-selectors.ts';
import { EMPTY_ANALYSIS, visibleExchanges, type InspectorState } from './store.ts';

export { memo } from './memo.ts';
export type { LabelHere, TokenHere } from './selected-selectors.ts';

/** What the user may see now: the replay prefix of the exchanges, and the analysis narrowed to it. */
export interface Shown {
  analysis: Analysis;
  exchanges: readonly Exchange[];
}

function rowBuilder() {
  // Rows are cached per exchange object for one analysis, so live traffic only builds rows for what is new.
  let cache = {
    analysis: EMPTY_ANALYSIS,
    index: indexAnalysis(EMPTY_ANALYSIS),
    rows: new WeakMap<Exchange, ExchangeRow>(),
  };
  return memo((exchanges: readonly Exchange[], analysis: Analysis): readonly ExchangeRow[] => {
    // "OAuth only" reads the exchanges around each one: rebuilt with the analysis (which follows every new exchange),
    // and worked out only when that filter is on.
    if (cache.analysis !== analysis)
      cache = { analysis, index: indexAnalysis(analysis, exchanges), rows: new WeakMap() };
    const { index, rows } = cache;
    return exchanges.map((exchange) => {
      let row = rows.get(exchange);
      if (!row) {
        row = toRow(exchange, index);
        rows.set(exchange, row);
      }
      return row;
    });
  });
}

/** Rows of one step (renamed to that step, since an exchange can belong to several), then the filters. */
function stepAndFilter(
  rows: readonly ExchangeRow[],
  analysis: Analysis,
  stepNumber: number | undefined,
  filter: RowFilter,
): readonly ExchangeRow[] {
  let out = rows;
  if (stepNumber !== undefined) {
    const step = analysis.steps.find((st) => st.number === stepNumber);
    const ids = new Set(step?.exchangeIds ?? []);
    const label = step ? `${step.number}. ${step.title}` : undefined;
    out = out.filter((r) => ids.has(r.id)).map((r) => (label && r.step !== label ? { ...r, step: label } : r));
  }
  return filterRows(out, filter);
}

/** The exchanges behind the listed rows, or all of them when nothing is filtered out. */
function listed(rows: readonly ExchangeRow[], exchanges: readonly Exchange[]): readonly Exchange[] {
  if (rows.length === exchanges.length) return exchanges;
  const ids = new Set(rows.map((r) => r.id));
  return exchanges.filter((e) => ids.has(e._id));
}

/** The token viewer's selectors: each token laid out, the names, flows and lifelines that tell them apart, and the captured keys. */
function tokenSelectors(tokens: (s: InspectorState) => readonly TokenInfo[], shown: (s: InspectorState) => Shown) {
  const tokenViewsOf = memo((all: readonly TokenInfo[], exchanges: readonly Exchange[]) => {
    const byId = new Map(exchanges.map((e) => [e._id, e]));
    return all.map((t) => tokenView(t, byId));
  });
  const summariesOf = memo((all: readonly TokenInfo[], analysis: Analysis, exchanges: readonly Exchange[]) =>
    tokenSummaries(all, analysis.flows, new Map(exchanges.map((e) => [e._id, e]))),
  );
  const keysOf = memo(capturedKeySets);
  return {
    tokenViews: (s: InspectorState) => tokenViewsOf(tokens(s), shown(s).exchanges),
    /** Every key set the session captured (not only the shown ones), for the paste box's verification. */
    keySets: (s: InspectorState) => keysOf(s.exchanges),
    tokenSummaries: (s: InspectorState) => summariesOf(tokens(s), shown(s).analysis, shown(s).exchanges),
  };
}

/** One set of selectors per app (their caches are per instance). */
export function createSelectors(tracks: readonly LessonTrack[]) {
  const labelsOf = memo((exchanges: readonly Exchange[]) => exchangeLabels(exchanges));
  const definitions = new Map(tracks.map((t) => [t.id, toTrackDefinition(t)]));
  const track = (s: InspectorState): LessonTrack | undefined => tracks.find((t) => t.id === s.trackId);
  const definitionOf = (id: string | undefined): TrackDefinition | undefined =>
    id === undefined ? undefined : definitions.get(id);
  const definition = (s: InspectorState): TrackDefinition | undefined => definitionOf(s.trackId);
  const revealedIds = memo((exchanges: readonly Exchange[], revealed: number | null) =>
    revealed === null ? undefined : new Set(exchanges.slice(0, revealed).map((e) => e._id)),
  );
  const shownAnalysis = memo((analysis: Analysis, ids: Set<string> | undefined, def: TrackDefinition | undefined) =>
    ids ? revealAnalysis(analysis, ids, def) : analysis,
  );
  const visible = memo((exchanges: readonly Exchange[], revealed: number | null) =>
    visibleExchanges({ exchanges, revealed } as InspectorState),
  );
  const shownOf = memo((analysis: Analysis, exchanges: readonly Exchange[]): Shown => ({ analysis, exchanges }));
  const shown = (s: InspectorState): Shown =>
    shownOf(
      shownAnalysis(s.analysis, revealedIds(s.exchanges, s.revealed), definition(s)),
      visible(s.exchanges, s.revealed),
    );
  const rowsOf = rowBuilder();
  const rows = (s: InspectorState) => rowsOf(shown(s).exchanges, shown(s).analysis);
  const filteredOf = memo(stepAndFilter);
  // Lesson mode always has a step open: there it does not narrow the list (nor what Export saves).
  const filteredRows = (s: InspectorState) =>
    filteredOf(rows(s), shown(s).analysis, s.view === 'lesson' ? undefined : s.selectedStepNumber, s.filter);
  const hostsOfRows = memo(hostsOf);
  const timelineOf = memo(timelineView);
  // The analyzer's tokens are the only ones: the inspector decodes none of its own.
  const tokens = (s: InspectorState) => shown(s).analysis.tokens;
  const checksOf = memo((analysis: Analysis) => checksView(analysis));
  const listedOf = memo(listed);
  const diagramOf = memo(diagramView);
  const switchableOf = memo((world: InspectorState['sampleWorld']): readonly string[] =>
    world ? world.scenarios.map((x) => x.id).filter((id) => id !== world.scenario) : [],
  );
  const fullStepStarts = memo(
    (analysis: Analysis, def: TrackDefinition | undefined, index: ReadonlyMap<string, number>) =>
      stepStarts(timelineView(analysis, def), index),
  );

  return {
    track,
    definitionOf,
    definition,
    shown,
    rows,
    filteredRows,
    hosts: (s: InspectorState) => hostsOfRows(rows(s)),
    timeline: (s: InspectorState) => timelineOf(shown(s).analysis, definition(s)),
    tokens,
    ...tokenSelectors(tokens, shown),
    checks: (s: InspectorState) => checksOf(shown(s).analysis),
    /** `#N` by exchange id (core's exchange-number.ts), as the CLI names the same exchanges. */
    exchangeLabels: (s: InspectorState) => labelsOf(s.exchanges),
    failedCount: (s: InspectorState) => shown(s).analysis.findings.filter((f) => f.status === 'fail').length,
    diagram: (s: InspectorState) => diagramOf(shown(s).exchanges, shown(s).analysis),
    /** Scenarios a lesson step may switch the live sample to: those it offers, but the one running. */
    switchableScenarios: (s: InspectorState) => switchableOf(s.source.kind === 'live' ? s.sampleWorld : undefined),
    /** What Export saves: everything, or only the exchanges the filters, the step or the replay leave listed. */
    exportable: (s: InspectorState) => listedOf(filteredRows(s), shown(s).exchanges),
    ...createSelectedSelectors((s) => shown(s).analysis, tokens),
    ...createLessonSelectors({
      track,
      timeline: (s) => timelineOf(shown(s).analysis, definition(s)),
      analysis: (s) => shown(s).analysis,
      exchanges: (s) => shown(s).exchanges,
    }),
    /** Where each step starts in the whole recording (for replay's next/previous step). */
    stepStarts: (s: InspectorState) => fullStepStarts(s.analysis, definition(s), s.index),
    lessonStep: (s: InspectorState) =>
      s.selectedStepNumber === undefined ? undefined : track(s)?.steps.find((st) => st.number === s.selectedStepNumber),
    stepStatus: (s: InspectorState) =>
      timelineOf(shown(s).analysis, definition(s)).find((st) => st.number === s.selectedStepNumber)?.status ?? '',
    emptyListText: (s: InspectorState) => emptyListText(s, shown(s), filteredRows(s).length),
  };
}

export type Selectors = ReturnType<typeof createSelectors>;

/** What the empty exchange list says: why nothing is listed, and what to do. */
export function emptyListText(s: InspectorState, shown: Shown, listedCount: number): string {
  if (listedCount > 0) return '';
  const step =
    s.selectedStepNumber !== undefined
      ? shown.analysis.steps.find((st) => st.number === s.selectedStepNumber)
      : undefined;
  if (step?.inferred && step.status === 'explained')
    return 'This step has no HTTP message of its own: it is explained from the step it follows.';
  if (step) return 'No exchange of this step has been seen yet.';
  if (s.revealed === 0) return 'Press Next (→) to reveal the first exchange.';
  return shown.exchanges.length > 0 ? 'No exchange matches the filters.' : 'No exchanges yet.';
}
