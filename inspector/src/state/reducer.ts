// The store's reducer: one case per action (feed messages, imports, replay, selection), each returning a new state.
import type { Exchange, FeedMessage, SessionInfo } from '@oauth-inspector/core';
import { EMPTY_ANALYSIS, type Action, type InspectorState } from './inspector-state.ts';

function indexOf(exchanges: readonly Exchange[]): Map<string, number> {
  const index = new Map<string, number>();
  exchanges.forEach((exchange, i) => index.set(exchange._id, i));
  return index;
}

/** Adds or replaces exchanges by `_id` (a completed exchange replaces its pending version) keeping capture order. */
export function mergeExchanges(state: InspectorState, incoming: readonly Exchange[]): InspectorState {
  if (incoming.length === 0) return state;
  const exchanges = [...state.exchanges];
  const index = new Map(state.index);
  let outOfOrder = false;
  for (const exchange of incoming) {
    const at = index.get(exchange._id);
    if (at !== undefined) {
      exchanges[at] = exchange;
    } else {
      const last = exchanges[exchanges.length - 1];
      if (last && last._seq > exchange._seq) outOfOrder = true;
      index.set(exchange._id, exchanges.length);
      exchanges.push(exchange);
    }
  }
  if (outOfOrder) {
    exchanges.sort((a, b) => a._seq - b._seq);
    return { ...state, exchanges, index: indexOf(exchanges), version: state.version + 1 };
  }
  return { ...state, exchanges, index, version: state.version + 1 };
}

function resetFor(state: InspectorState, session: SessionInfo): InspectorState {
  return {
    ...state,
    session,
    exchanges: [],
    index: new Map(),
    // Exchange and token ids name the old session's; the filter and the chosen step still make sense.
    selectedExchangeId: undefined,
    selectedTokenId: undefined,
    revealed: null,
    version: state.version + 1,
    epoch: state.epoch + 1,
    analysis: EMPTY_ANALYSIS,
  };
}

function onFeed(state: InspectorState, message: FeedMessage): InspectorState {
  switch (message.type) {
    case 'hello': {
      // A new session id means the proxy restarted or reset: start over (the history that follows refills us).
      // So does coming back to the live feed from a file or a journaled session (the session picker's way back).
      const restart = state.session ? state.session.id !== message.session.id : state.exchanges.length > 0;
      const base = restart ? resetFor(state, message.session) : state;
      return {
        ...base,
        session: message.session,
        sampleWorld: message.sampleWorld,
        source: { kind: 'live', name: message.session.name },
        connection: 'open',
      };
    }
    case 'history':
      if (state.session && message.sessionId !== state.session.id) return state;
      return mergeExchanges(state, message.exchanges);
    case 'exchange-started':
    case 'exchange-completed':
    case 'exchange-failed':
      return mergeExchanges(state, [message.exchange]);
    case 'session-reset':
      return resetFor(state, message.session);
    case 'scenario-changed':
      return state.sampleWorld
        ? { ...state, sampleWorld: { ...state.sampleWorld, scenario: message.scenario } }
        : state;
    case 'notice':
      return message.level === 'error' ? { ...state, error: message.message } : { ...state, notice: message.message };
    default:
      return state;
  }
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(max, value));
}

function onReplay(state: InspectorState, action: Extract<Action, { type: 'replay' }>): InspectorState {
  const total = state.exchanges.length;
  const current = state.revealed ?? total;
  let revealed: number;
  switch (action.move) {
    case 'next':
      revealed = current + 1;
      break;
    case 'prev':
      revealed = current - 1;
      break;
    case 'first':
      revealed = 0;
      break;
    case 'last':
      revealed = total;
      break;
    case 'all':
      return { ...state, revealed: null };
    case 'next-step': {
      // Reveal up to (and including) the first exchange of the next step that starts after the cursor.
      const next = (action.stepStarts ?? []).filter((start) => start >= current).sort((a, b) => a - b)[0];
      revealed = next === undefined ? total : next + 1;
      break;
    }
    case 'prev-step': {
      const before = (action.stepStarts ?? []).filter((start) => start + 1 < current).sort((a, b) => b - a)[0];
      revealed = before === undefined ? 0 : before + 1;
      break;
    }
  }
  revealed = clamp(revealed, total);
  const visible = state.exchanges.slice(0, revealed);
  return { ...state, revealed, selectedExchangeId: visible[visible.length - 1]?._id ?? undefined };
}

function onAnalyzed(state: InspectorState, action: Extract<Action, { type: 'analyzed' }>): InspectorState {
  if (action.epoch !== state.epoch) return state;
  return { ...state, analysis: action.analysis, analysisComplete: action.complete };
}

/** Exchanges the analyzer has not seen yet make the analysis in hand incomplete until its next result. */
function markStale(before: InspectorState, after: InspectorState): InspectorState {
  return after.version !== before.version && after.analysisComplete ? { ...after, analysisComplete: false } : after;
}

export function reduce(state: InspectorState, action: Action): InspectorState {
  return markStale(state, reduceAction(state, action));
}

function reduceAction(state: InspectorState, action: Action): InspectorState {
  switch (action.type) {
    case 'feed':
      return onFeed(state, action.message);
    case 'ingest':
      return mergeExchanges(state, action.exchanges);
    case 'loaded': {
      const exchanges = [...action.exchanges].sort((a, b) => a._seq - b._seq);
      const notice =
        action.warnings && action.warnings.length > 0
          ? `Opened with ${action.warnings.length} warning(s): ${action.warnings[0]}`
          : undefined;
      return {
        ...state,
        exchanges,
        index: indexOf(exchanges),
        source: { kind: action.kind, name: action.name },
        session: undefined,
        sampleWorld: undefined,
        revealed: action.replay ? 0 : null,
        selectedExchangeId: undefined,
        selectedStepNumber: undefined,
        selectedTokenId: undefined,
        error: undefined,
        notice,
        version: state.version + 1,
        epoch: state.epoch + 1,
        analysis: EMPTY_ANALYSIS,
        analysisComplete: false,
        // Filters belong to the traffic they were set on.
        filter: {},
      };
    }
    case 'load-failed':
      // Keep everything already shown: only the message changes.
      return { ...state, error: action.message };
    case 'connection':
      return { ...state, connection: action.state };
    case 'replay':
      return onReplay(state, action);
    case 'replay-to':
      return { ...state, revealed: action.revealed === null ? null : clamp(action.revealed, state.exchanges.length) };
    case 'select-exchange':
      return { ...state, selectedExchangeId: action.id };
    case 'select-step':
      return { ...state, selectedStepNumber: action.number };
    case 'select-token':
      return { ...state, selectedTokenId: action.id, view: action.id ? 'tokens' : state.view };
    case 'view':
      return { ...state, view: action.view };
    case 'dismiss':
      return { ...state, error: undefined, notice: undefined };
    case 'analyzed':
      return onAnalyzed(state, action);
    case 'track':
      return action.id === state.trackId ? state : { ...state, trackId: action.id };
    case 'filter':
      return { ...state, filter: action.filter };
    default:
      return state;
  }
}
