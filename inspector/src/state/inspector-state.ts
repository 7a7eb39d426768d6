// The inspector's state and the actions on it: their types, the state to start from, and what the user may see now.
import type { Analysis, Exchange, FeedMessage, SampleWorldInfo, SessionInfo } from '@oauth-inspector/core';
import type { RowFilter } from '../view-models/exchange-rows.ts';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';
/** Where the traffic shown comes from; `session` is a journaled session opened read-only from the session picker. */
export type SourceKind = 'none' | 'live' | 'file' | 'recording' | 'session';
export type ViewName = 'lesson' | 'exchanges' | 'checks' | 'tokens' | 'diagram';

/** What the analyzer says before it has seen anything. */
export const EMPTY_ANALYSIS: Analysis = { labels: [], steps: [], findings: [], tokens: [], flows: [], links: [] };

export interface InspectorState {
  /** Every exchange known, in capture order (by `_seq`, then arrival). */
  exchanges: readonly Exchange[];
  /** `_id` → index in `exchanges`. */
  index: ReadonlyMap<string, number>;
  source: { kind: SourceKind; name: string };
  connection: ConnectionState;
  session?: SessionInfo;
  sampleWorld?: SampleWorldInfo;
  /** Replay: how many exchanges are revealed (null when everything is shown). */
  revealed: number | null;
  selectedExchangeId?: string;
  selectedStepNumber?: number;
  selectedTokenId?: string;
  view: ViewName;
  /** One clear sentence about the last thing that went wrong; nothing else is dropped with it. */
  error?: string;
  notice?: string;
  /** Bumped on every change to `exchanges`, so consumers can memoize cheaply. */
  version: number;
  /** Bumped when the exchange list is replaced (new file, new session): incremental consumers start over. */
  epoch: number;
  /** core's analysis of `exchanges` (all of them, even in replay), as the analysis controller last reported it. */
  analysis: Analysis;
  /** True when `analysis` covers every exchange handed to the analyzer so far (no newer analysis on its way). */
  analysisComplete: boolean;
  /** The lesson track the analysis follows (its id), when lessons are loaded. */
  trackId?: string;
  /** The exchange list's filters; a newly opened file starts unfiltered. */
  filter: RowFilter;
}

export type Action =
  | { type: 'feed'; message: FeedMessage }
  | { type: 'ingest'; exchanges: readonly Exchange[] }
  | {
      type: 'loaded';
      kind: 'file' | 'recording' | 'session';
      name: string;
      exchanges: readonly Exchange[];
      replay: boolean;
      warnings?: string[];
    }
  | { type: 'load-failed'; message: string }
  | { type: 'connection'; state: ConnectionState }
  | {
      type: 'replay';
      move: 'next' | 'prev' | 'first' | 'last' | 'all' | 'next-step' | 'prev-step';
      stepStarts?: readonly number[];
    }
  | { type: 'replay-to'; revealed: number | null }
  | { type: 'select-exchange'; id: string | undefined }
  | { type: 'select-step'; number: number | undefined }
  | { type: 'select-token'; id: string | undefined }
  | { type: 'view'; view: ViewName }
  | { type: 'dismiss' }
  /** An analysis result for the exchanges of `epoch`; a result for an older epoch is stale and dropped. */
  | { type: 'analyzed'; epoch: number; analysis: Analysis; complete: boolean }
  | { type: 'track'; id: string | undefined }
  | { type: 'filter'; filter: RowFilter };

export function initialState(): InspectorState {
  return {
    exchanges: [],
    index: new Map(),
    source: { kind: 'none', name: '' },
    connection: 'idle',
    revealed: null,
    view: 'exchanges',
    version: 0,
    epoch: 0,
    analysis: EMPTY_ANALYSIS,
    analysisComplete: true,
    filter: {},
  };
}

/** The exchanges the user may see now (all, or the replay prefix). */
export function visibleExchanges(state: InspectorState): readonly Exchange[] {
  return state.revealed === null ? state.exchanges : state.exchanges.slice(0, state.revealed);
}
