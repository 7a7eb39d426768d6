// The default track follows the traffic (sample world or not) until the user picks one, which then stays.
import { describe, expect, it } from 'vitest';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { createStore, initialState } from '../state/store.ts';
import { TrackChoiceController } from './track-choice-controller.ts';

const TRACKS = ['code-flow', 'generic', 'implicit-and-introspection'];
const own = (seq: number) => anExchange({ seq, url: `https://idp.example.com/step-${seq}` });
const sample = (seq: number) => anExchange({ seq, url: `http://login.localhost:8080/step-${seq}` });

function setUp() {
  const store = createStore({ ...initialState(), trackId: 'code-flow' });
  return { store, choice: new TrackChoiceController(store, TRACKS) };
}

describe('the default lesson track in the inspector', () => {
  it("switches to the generic track for an opened file of another app's traffic", () => {
    const { store } = setUp();
    store.dispatch({ type: 'loaded', kind: 'file', name: 'devtools.har', exchanges: [own(0), own(1)], replay: false });
    expect(store.getState().trackId).toBe('generic');
    store.dispatch({ type: 'loaded', kind: 'file', name: 'sample.har', exchanges: [own(0), sample(1)], replay: false });
    expect(store.getState().trackId).toBe('code-flow');
  });

  it('is generic from the start for a live proxy without the sample world, the sample track with it', () => {
    const { store } = setUp();
    const session = { id: 's1', name: 'Session', startedDateTime: '2026-01-01T10:00:00.000Z' };
    store.dispatch({ type: 'feed', message: { type: 'hello', protocol: 1, session } });
    expect(store.getState().trackId).toBe('generic');
    const sampleWorld = { scenario: 'default', scenarios: [], urls: [] };
    store.dispatch({ type: 'feed', message: { type: 'hello', protocol: 1, session, sampleWorld } });
    expect(store.getState().trackId).toBe('code-flow');
  });

  it("keeps the user's pick whatever traffic comes next", () => {
    const { store, choice } = setUp();
    choice.pick('implicit-and-introspection');
    store.dispatch({ type: 'loaded', kind: 'file', name: 'devtools.har', exchanges: [own(0)], replay: false });
    expect(store.getState().trackId).toBe('implicit-and-introspection');
  });
});
