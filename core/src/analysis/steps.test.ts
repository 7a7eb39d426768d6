// Steps are marked by their own exchanges: a finding marks only the step whose exchanges it is about; preflights are no protocol call.
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { AS, API, APP, METADATA } from '../testing/oauth-session.ts';
import type { TrackDefinition } from './types.ts';

const discovery = () => anExchange({ seq: 0, url: `${AS}/.well-known/openid-configuration`, json: METADATA });
const apiCall = (seq: number, status: number, challenge?: string) =>
  anExchange({
    seq,
    url: `${API}/api/items`,
    requestHeaders: { Authorization: 'Bearer opaque-access-token-1234', Origin: APP },
    status,
    responseHeaders: challenge ? { 'WWW-Authenticate': challenge } : {},
    json: {},
  });

const TRACK: TrackDefinition = {
  id: 't',
  title: 'steps',
  steps: [
    { id: 't/01', number: 1, title: 'API answers', recognizers: ['api-success'], checks: ['api.401-challenge'] },
    { id: 't/02', number: 2, title: 'API refuses', recognizers: ['api-401'], checks: ['api.401-challenge'] },
    { id: 't/03', number: 3, title: 'user info', recognizers: ['userinfo'], checks: [] },
    { id: 't/04', number: 4, title: 'in the browser', recognizers: [], checks: [], inferredFrom: 't/03' },
    { id: 't/05', number: 5, title: 'never', recognizers: ['token-refresh'], checks: [] },
    { id: 't/06', number: 6, title: 'after never', recognizers: [], checks: [], inferredFrom: 't/05' },
  ],
};

describe('steps', () => {
  it('marks failed only the step whose own exchange failed one of its checks, not every step listing the check', async () => {
    // A 401 without a WWW-Authenticate challenge fails api.401-challenge (RFC 6750 §3).
    const a = await analyze([discovery(), apiCall(1, 200), apiCall(2, 401)], { track: TRACK });
    expect(a.findings.filter((f) => f.checkId === 'api.401-challenge').map((f) => f.status)).toEqual(['fail']);
    expect(a.steps.slice(0, 2).map((s) => [s.number, s.status])).toEqual([
      [1, 'seen'],
      [2, 'failed'],
    ]);
    expect(a.steps[0]!.findingIds).toEqual([]);
  });

  it('never labels a CORS preflight as the UserInfo call, and explains the step without a message from the one it follows', async () => {
    const preflight = anExchange({
      seq: 1,
      method: 'OPTIONS',
      url: `${AS}/userinfo`,
      requestHeaders: { 'Access-Control-Request-Method': 'GET', Origin: APP },
      status: 204,
    });
    const userinfo = anExchange({
      seq: 2,
      url: `${AS}/userinfo`,
      requestHeaders: { Authorization: 'Bearer opaque-access-token-1234', Origin: APP },
      json: { sub: 'u1' },
    });
    const a = await analyze([discovery(), preflight, userinfo], { track: TRACK });
    expect(a.labels.filter((l) => l.exchangeId === 'x1').map((l) => l.recognizer)).toEqual(['cors-preflight']);
    expect(a.steps[2]).toMatchObject({ status: 'seen', exchangeIds: ['x2'] });
    expect(a.steps[3]).toMatchObject({ status: 'explained', inferred: true, exchangeIds: [] });
    // A step explained from one that was not seen is not seen either.
    expect(a.steps.slice(4).map((s) => s.status)).toEqual(['not-seen', 'not-seen']);
  });

  it("does not count the API's own discovery download as the SPA's, but counts its key download", async () => {
    const track: TrackDefinition = {
      id: 'b',
      title: 'back end',
      steps: [
        { id: 'b/01', number: 1, title: 'SPA gets metadata', recognizers: ['discovery'], checks: [] },
        { id: 'b/02', number: 2, title: 'API fetches keys', recognizers: ['jwks'], checks: [] },
      ],
    };
    const a = await analyze(
      [
        anExchange({ seq: 0, url: `${AS}/.well-known/openid-configuration`, channel: 'back-channel', json: METADATA }),
        anExchange({
          seq: 1,
          url: `${AS}/jwks`,
          channel: 'back-channel',
          json: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] },
        }),
      ],
      { track },
    );
    expect(a.labels.map((l) => l.recognizer)).toEqual(['discovery', 'jwks']);
    expect(a.steps.map((s) => [s.number, s.status, s.exchangeIds])).toEqual([
      [1, 'not-seen', []],
      [2, 'seen', ['x1']],
    ]);
  });
});
