// The e2e and benchmark hook `window.__inspector`: the store, ingest and load through the one ingestion path, and idle().
import type { Exchange } from '@oauth-inspector/core';
import type { Store } from './state/store.ts';

export interface InspectorHook {
  store: Store;
  ingest(exchanges: Exchange[]): void;
  load(text: string, name?: string, replay?: boolean): boolean;
  /** Resolves when the latest data has been analyzed and rendered. */
  idle(): Promise<void>;
}

export interface HookParts {
  store: Store;
  load(text: string, name: string, replay: boolean): boolean;
  /** Resolves once the analysis of what the store holds is in the store. */
  analyzed(): Promise<void>;
  rendered(): Promise<unknown>;
}

export function installTestHook(parts: HookParts): void {
  const hook: InspectorHook = {
    store: parts.store,
    ingest: (exchanges) => parts.store.dispatch({ type: 'ingest', exchanges }),
    load: (text, name = 'test.har', replay = false) => parts.load(text, name, replay),
    idle: async () => {
      await parts.analyzed();
      await parts.rendered();
      await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    },
  };
  (window as unknown as { __inspector: InspectorHook }).__inspector = hook;
}
