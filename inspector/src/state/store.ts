// The inspector's one store: the state reduced over dispatched actions, and a tiny subscribe API.
import { initialState, type Action, type InspectorState } from './inspector-state.ts';
import { reduce } from './reducer.ts';

export * from './inspector-state.ts';
export { mergeExchanges, reduce } from './reducer.ts';

export interface Store {
  getState(): InspectorState;
  dispatch(action: Action): void;
  subscribe(listener: (state: InspectorState) => void): () => void;
}

export function createStore(initial: InspectorState = initialState()): Store {
  let state = initial;
  const listeners = new Set<(state: InspectorState) => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
