// The teaching diagram: a lane for the SPA's script apart from navigations, static assets marked, back-channel calls nested, arrows grouped by step.
import { describe, expect, it } from 'vitest';
import type { Analysis } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { diagramView } from './diagram.ts';

const page = anExchange({
  id: 'page',
  seq: 0,
  url: 'http://web.localhost/',
  requestHeaders: { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
  responseBody: { mimeType: 'text/html', text: '<html></html>' },
});
const script = anExchange({
  id: 'js',
  seq: 1,
  url: 'http://web.localhost/app.js',
  requestHeaders: { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
  responseBody: { mimeType: 'text/javascript', text: 'x' },
});
const api = anExchange({
  id: 'api',
  seq: 2,
  url: 'http://api.localhost/api/items',
  requestHeaders: { 'sec-fetch-mode': 'cors', origin: 'http://web.localhost' },
  json: [],
});
const jwks = anExchange({ id: 'keys', seq: 3, url: 'http://login.localhost/jwks', channel: 'back-channel', json: {} });

const analysis: Analysis = {
  labels: [
    { exchangeId: 'api', recognizer: 'api-success', summary: '' },
    { exchangeId: 'keys', recognizer: 'jwks', summary: '' },
  ],
  steps: [
    {
      stepId: 's15',
      number: 15,
      title: 'The SPA calls the API',
      status: 'seen',
      exchangeIds: ['api'],
      findingIds: [],
      inferred: false,
    },
    {
      stepId: 's16',
      number: 16,
      title: 'The API checks the token',
      status: 'seen',
      exchangeIds: ['keys'],
      findingIds: [],
      inferred: false,
    },
  ],
  findings: [],
  tokens: [],
  flows: [],
  links: [{ exchangeId: 'keys', servesExchangeId: 'api' }],
};

describe('teaching diagram', () => {
  it('draws fetch calls from the SPA script lane, folds static assets, nests the key download and labels steps', () => {
    const view = diagramView([page, script, api, jwks], analysis);
    expect(view.lanes.map((l) => l.title)).toEqual(['Browser', 'SPA script', 'SPA', 'API', 'Authorization server']);
    const requests = view.arrows.filter((a) => a.kind === 'request');
    expect(requests.find((a) => a.exchangeId === 'page')?.from).toBe(0);
    expect(requests.find((a) => a.exchangeId === 'api')?.from).toBe(1);
    expect(view.arrows.filter((a) => a.static).map((a) => a.exchangeId)).toEqual(['js', 'js']);
    // API request, then the key download it needed, then the API's answer.
    expect(view.arrows.map((a) => `${a.exchangeId}:${a.kind}`).slice(4)).toEqual([
      'api:request',
      'keys:request',
      'keys:response',
      'api:response',
    ]);
    expect(view.arrows.find((a) => a.exchangeId === 'keys')).toMatchObject({ nested: true, from: 3 });
    expect(requests.find((a) => a.exchangeId === 'api')?.group).toBe('Step 15. The SPA calls the API');
  });

  it('draws a back-end client’s own calls from a back-end lane, not from the API whose key download sits beside them', () => {
    const backEndToken = anExchange({
      id: 'token',
      seq: 4,
      method: 'POST',
      url: 'http://login.localhost/token',
      channel: 'back-channel',
      form: { grant_type: 'client_credentials' },
      json: { access_token: 'x' },
    });
    const view = diagramView([page, script, api, jwks, backEndToken], {
      ...analysis,
      labels: [...analysis.labels, { exchangeId: 'token', recognizer: 'token-client-credentials', summary: '' }],
    });
    const lane = (id: string) =>
      view.lanes[view.arrows.find((a) => a.exchangeId === id && a.kind === 'request')!.from]!;
    expect(lane('keys').title).toBe('API');
    expect(lane('token').title).toBe('Back-end client');
  });
});
