// The store: feed messages, imports, replay and failures reduce to the state the inspector shows.
import { describe, expect, it } from 'vitest';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import type { FeedMessage } from '@oauth-inspector/core';
import { createStore, EMPTY_ANALYSIS, initialState, reduce, visibleExchanges, type InspectorState } from './store.ts';

const session = { id: 's1', name: 'run', startedDateTime: '2026-01-01T10:00:00Z' };
const hello: FeedMessage = { type: 'hello', protocol: 1, session };

describe('store', () => {
  it('replaces a pending exchange by its completed version (same _id) and keeps capture order', () => {
    let state = reduce(initialState(), { type: 'feed', message: hello });
    const pending = anExchange({ id: 'a', seq: 1, url: 'http://x.localhost/a', state: 'pending' });
    state = reduce(state, { type: 'feed', message: { type: 'exchange-started', exchange: pending } });
    state = reduce(state, {
      type: 'feed',
      message: { type: 'exchange-completed', exchange: anExchange({ id: 'b', seq: 0, url: 'http://x.localhost/b' }) },
    });
    state = reduce(state, {
      type: 'feed',
      message: { type: 'exchange-completed', exchange: { ...pending, _state: 'complete' } },
    });
    expect(state.exchanges.map((e) => [e._id, e._state])).toEqual([
      ['b', 'complete'],
      ['a', 'complete'],
    ]);
    expect(state.index.get('a')).toBe(1);
  });

  it('resyncs from history after a reconnect without duplicating exchanges, and starts over on a new session id', () => {
    const a = anExchange({ id: 'a', seq: 0, url: 'http://x.localhost/a' });
    const b = anExchange({ id: 'b', seq: 1, url: 'http://x.localhost/b' });
    let state = reduce(initialState(), { type: 'feed', message: hello });
    state = reduce(state, { type: 'feed', message: { type: 'exchange-completed', exchange: a } });
    state = reduce(state, { type: 'connection', state: 'reconnecting' });
    expect(state.exchanges).toHaveLength(1);
    state = reduce(state, { type: 'feed', message: hello });
    state = reduce(state, { type: 'feed', message: { type: 'history', sessionId: 's1', exchanges: [a, b] } });
    expect(state.exchanges.map((e) => e._id)).toEqual(['a', 'b']);
    expect(state.connection).toBe('open');
    const epoch = state.epoch;
    state = reduce(state, { type: 'feed', message: { ...hello, session: { ...session, id: 's2' } } });
    expect(state.exchanges).toEqual([]);
    expect(state.epoch).toBe(epoch + 1);
  });

  it('comes back from a journaled session to the live one without mixing their exchanges', () => {
    const old = anExchange({ id: 'old-0', seq: 0, url: 'http://x.localhost/old' });
    const now = anExchange({ id: 'now-0', seq: 0, url: 'http://x.localhost/now' });
    let state = reduce(initialState(), {
      type: 'loaded',
      kind: 'session',
      name: 'yesterday',
      exchanges: [old],
      replay: false,
    });
    expect(state.source).toEqual({ kind: 'session', name: 'yesterday' });
    state = reduce(state, { type: 'feed', message: hello });
    state = reduce(state, { type: 'feed', message: { type: 'history', sessionId: 's1', exchanges: [now] } });
    expect(state.source).toEqual({ kind: 'live', name: 'run' });
    expect(state.exchanges.map((e) => e._id)).toEqual(['now-0']);
  });

  it('keeps what is shown when a file fails to load, and says why in one message', () => {
    const loaded = reduce(initialState(), {
      type: 'loaded',
      kind: 'file',
      name: 'a.har',
      exchanges: [anExchange({ id: 'a', seq: 0, url: 'http://x.localhost/' })],
      replay: false,
    });
    const failed = reduce(loaded, { type: 'load-failed', message: 'b.har: This file is not JSON.' });
    expect(failed.exchanges).toBe(loaded.exchanges);
    expect(failed.error).toBe('b.har: This file is not JSON.');
    expect(reduce(failed, { type: 'dismiss' }).error).toBeUndefined();
  });

  it('reveals a recording one exchange or one step at a time', () => {
    const exchanges = [0, 1, 2, 3, 4].map((i) => anExchange({ id: `e${i}`, seq: i, url: `http://x.localhost/${i}` }));
    let state = reduce(initialState(), { type: 'loaded', kind: 'recording', name: 'r', exchanges, replay: true });
    expect(visibleExchanges(state)).toHaveLength(0);
    state = reduce(state, { type: 'replay', move: 'next' });
    state = reduce(state, { type: 'replay', move: 'next' });
    expect(visibleExchanges(state).map((e) => e._id)).toEqual(['e0', 'e1']);
    expect(state.selectedExchangeId).toBe('e1');
    state = reduce(state, { type: 'replay', move: 'next-step', stepStarts: [0, 3] });
    expect(state.revealed).toBe(4);
    state = reduce(state, { type: 'replay', move: 'prev-step', stepStarts: [0, 3] });
    expect(state.revealed).toBe(1);
    state = reduce(state, { type: 'replay', move: 'last' });
    expect(state.revealed).toBe(5);
    state = reduce(state, { type: 'replay', move: 'next' });
    expect(state.revealed).toBe(5);
    state = reduce(state, { type: 'replay', move: 'first' });
    expect(state.revealed).toBe(0);
    expect(reduce(state, { type: 'replay', move: 'all' }).revealed).toBeNull();
  });

  it('notifies subscribers only on change', () => {
    const store = createStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.dispatch({ type: 'ingest', exchanges: [] });
    store.dispatch({ type: 'ingest', exchanges: [anExchange({ id: 'a', seq: 0, url: 'http://x.localhost/' })] });
    expect(calls).toBe(1);
  });
});

describe('analysis in the store', () => {
  const one = [anExchange({ id: 'a', seq: 0, url: 'http://x.localhost/' })];
  const analysis = {
    labels: [{ exchangeId: 'a', recognizer: 'discovery', summary: 'found' }],
    steps: [],
    findings: [],
    tokens: [],
    flows: [],
  } as unknown as InspectorState['analysis'];

  it('takes an analysis result for the exchanges shown and says whether it covers all of them', () => {
    const loaded = reduce(initialState(), {
      type: 'loaded',
      kind: 'file',
      name: 'a.har',
      exchanges: one,
      replay: false,
    });
    expect(loaded.analysis).toBe(EMPTY_ANALYSIS);
    expect(loaded.analysisComplete).toBe(false);
    const partial = reduce(loaded, { type: 'analyzed', epoch: loaded.epoch, analysis, complete: false });
    expect(partial.analysis).toBe(analysis);
    expect(partial.analysisComplete).toBe(false);
    expect(reduce(partial, { type: 'analyzed', epoch: loaded.epoch, analysis, complete: true }).analysisComplete).toBe(
      true,
    );
  });

  it('drops a result computed for exchanges that have since been replaced (an older epoch), without notifying anyone', () => {
    const store = createStore();
    store.dispatch({ type: 'loaded', kind: 'file', name: 'a.har', exchanges: one, replay: false });
    const oldEpoch = store.getState().epoch;
    store.dispatch({ type: 'loaded', kind: 'file', name: 'b.har', exchanges: one, replay: false });
    let calls = 0;
    store.subscribe(() => calls++);
    store.dispatch({ type: 'analyzed', epoch: oldEpoch, analysis, complete: true });
    expect(store.getState().analysis).toBe(EMPTY_ANALYSIS);
    expect(calls).toBe(0);
  });

  it('marks the analysis incomplete when new exchanges arrive, and forgets it (and the filters) for a new file or session', () => {
    let state = reduce(initialState(), { type: 'feed', message: hello });
    state = reduce(state, { type: 'ingest', exchanges: one });
    state = reduce(state, { type: 'analyzed', epoch: state.epoch, analysis, complete: true });
    state = reduce(state, { type: 'filter', filter: { text: 'token' } });
    state = reduce(state, {
      type: 'ingest',
      exchanges: [anExchange({ id: 'b', seq: 1, url: 'http://x.localhost/b' })],
    });
    expect(state.analysis).toBe(analysis);
    expect(state.analysisComplete).toBe(false);
    const reset = reduce(state, {
      type: 'feed',
      message: { type: 'session-reset', session: { ...session, id: 's2' } },
    });
    expect(reset.analysis).toBe(EMPTY_ANALYSIS);
    expect(reset.filter).toEqual({ text: 'token' });
    const opened = reduce(state, { type: 'loaded', kind: 'file', name: 'c.har', exchanges: one, replay: false });
    expect(opened.filter).toEqual({});
  });
});
