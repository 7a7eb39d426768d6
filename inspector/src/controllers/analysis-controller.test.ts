// The analysis controller runs core's analyzer over the store's exchanges and puts the result into the store.
import { describe, expect, it } from 'vitest';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { toHarFile } from '@oauth-inspector/core/har-export.ts';
import { createStore } from '../state/store.ts';
import { AnalysisController } from './analysis-controller.ts';

/** An authorization request and its token request whose PKCE verifier does not match the challenge. */
function sampleFlow(options: { idPrefix?: string } = {}) {
  const p = options.idPrefix ?? 'e';
  return [
    anExchange({
      id: `${p}0`,
      seq: 0,
      url: 'http://as.localhost/authorize?client_id=spa&response_type=code&state=s1&code_challenge=abc&code_challenge_method=S256',
      status: 302,
      responseHeaders: { Location: 'http://web.localhost/cb?code=c&state=s1' },
    }),
    anExchange({
      id: `${p}1`,
      seq: 1,
      url: 'http://as.localhost/token',
      form: { grant_type: 'authorization_code', code: 'c', code_verifier: 'v', client_id: 'spa' },
      json: { access_token: 'x', token_type: 'Bearer' },
    }),
  ];
}
const harOf = (exchanges: ReturnType<typeof sampleFlow>) =>
  toHarFile(exchanges, { creator: { name: 'test', version: '1' } });

describe('analysis controller', () => {
  it('analyzes what is ingested and dispatches the result into the store as complete', async () => {
    const store = createStore();
    const controller = new AnalysisController(store, () => undefined);
    const flow = sampleFlow();
    store.dispatch({ type: 'ingest', exchanges: flow });
    expect(store.getState().analysisComplete).toBe(false);
    await controller.settled();
    const { analysis, analysisComplete } = store.getState();
    expect(analysisComplete).toBe(true);
    expect(analysis.labels.length).toBeGreaterThan(0);
    const flowIds = new Set(flow.map((e) => e._id));
    expect(analysis.labels.every((l) => flowIds.has(l.exchangeId))).toBe(true);
    expect(analysis.findings.some((f) => f.checkId === 'pkce.s256-matches' && f.status === 'fail')).toBe(true);
    controller.dispose();
  });

  it("analyzes an opened file from its text, and a newer file replaces the older one's findings", async () => {
    const store = createStore();
    const controller = new AnalysisController(store, () => undefined);
    const text = JSON.stringify(harOf(sampleFlow()));
    controller.offerText(text);
    store.dispatch({ type: 'loaded', kind: 'file', name: 'a.har', exchanges: sampleFlow(), replay: false });
    await controller.settled();
    expect(store.getState().analysis.findings.length).toBeGreaterThan(0);
    const other = sampleFlow({ idPrefix: 'z' }).slice(0, 1);
    store.dispatch({ type: 'loaded', kind: 'file', name: 'b.har', exchanges: other, replay: false });
    await controller.settled();
    const ids = new Set(other.map((e) => e._id));
    expect(store.getState().analysis.labels.length).toBeGreaterThan(0);
    expect(store.getState().analysis.labels.every((l) => ids.has(l.exchangeId))).toBe(true);
    expect(store.getState().analysisComplete).toBe(true);
    controller.dispose();
  });
});
