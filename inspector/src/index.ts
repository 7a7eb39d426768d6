// The inspector's pure parts (store and view-models), for tests and tools; the web app itself starts in main.ts.
export * from './state/store.ts';
export * from './view-models/exchange-rows.ts';
export * from './view-models/exchange-detail.ts';
export * from './view-models/tokens.ts';
export * from './view-models/checks.ts';
export * from './view-models/timeline.ts';
export * from './view-models/diagram.ts';
export * from './view-models/reveal.ts';
export * from './view-models/navigation.ts';
