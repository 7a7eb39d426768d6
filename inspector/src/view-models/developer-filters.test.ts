// The developer's filters on the exchange list: OAuth only, hidden hosts, browser background as one host entry, search in headers and bodies.
import { analyze, importHar, type Analysis, type Exchange } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import {
  DEVTOOLS_BACKGROUND_IDS,
  DEVTOOLS_OAUTH_IDS,
  DEVTOOLS_VERIFIER,
  devtoolsHar,
} from '@oauth-inspector/core/testing/devtools-har.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_HOST, exchangeRows, filterRows, hostsOf, type ExchangeRow } from './exchange-rows.ts';
import { SEARCH_BODY_CAP, searchText } from './exchange-search.ts';
import { diagramView } from './diagram.ts';

let rows: ExchangeRow[];
let exchanges: Exchange[];
let analysis: Analysis;
const ids = (list: readonly ExchangeRow[]) => list.map((r) => r.id);

beforeAll(async () => {
  const imported = importHar(JSON.stringify(devtoolsHar()));
  if (!imported.ok) throw new Error(imported.message);
  exchanges = imported.exchanges;
  analysis = await analyze(exchanges);
  rows = exchangeRows(exchanges, analysis);
});

describe('developer filters', () => {
  it('OAuth only keeps the protocol exchanges and the page and redirects that led to them', () => {
    expect(ids(filterRows(rows, { oauthOnly: true }))).toEqual(DEVTOOLS_OAUTH_IDS);
    expect(filterRows(rows, {})).toHaveLength(15);
  });

  it('lists the browser’s background requests under one host entry, last, and filters by it', () => {
    const hosts = hostsOf(rows);
    expect(hosts.at(-1)).toBe(BACKGROUND_HOST);
    expect(hosts).not.toContain('update.googleapis.com');
    expect(hosts).not.toContain('accounts.google.com');
    expect(hosts).toEqual(['app.example.test', 'fonts.example.test', 'login.example.test', BACKGROUND_HOST]);
    expect(ids(filterRows(rows, { host: BACKGROUND_HOST }))).toEqual(DEVTOOLS_BACKGROUND_IDS);
  });

  it('hides one or more hosts (the background entry too) and keeps every other row', () => {
    const shown = filterRows(rows, { hiddenHosts: ['app.example.test', BACKGROUND_HOST] });
    expect(shown.map((r) => r.host)).toEqual(['fonts.example.test', 'login.example.test', 'login.example.test']);
    expect(ids(filterRows(rows, { hiddenHosts: ['login.example.test'], oauthOnly: true }))).toEqual([
      'e0',
      'e7',
      'e8',
      'e11',
    ]);
  });

  it('finds a request body value and a response header only when the search also covers headers and bodies', () => {
    const verifier = DEVTOOLS_VERIFIER.toUpperCase(); // case-insensitive
    expect(filterRows(rows, { text: verifier })).toEqual([]);
    expect(ids(filterRows(rows, { text: verifier, scope: 'everything' }))).toEqual(['e12']);
    expect(ids(filterRows(rows, { text: 'location: /start', scope: 'everything' }))).toEqual(['e7']);
    expect(ids(filterRows(rows, { text: 'x-goog-update-appid', scope: 'everything' }))).toEqual(['e5']);
    // A form body is searched decoded too: redirect_uri is percent-encoded on the wire.
    expect(
      ids(filterRows(rows, { text: 'redirect_uri=https://app.example.test/callback', scope: 'everything' })),
    ).toEqual(['e9', 'e12']);
  });

  it('searches only the first 256 KiB of a body, decoded from base64', () => {
    const tail = 'needle-past-the-cap';
    const big = 'a'.repeat(SEARCH_BODY_CAP) + tail;
    const plain = anExchange({ url: 'https://x.test/big', responseBody: { mimeType: 'text/plain', text: big } });
    const early = anExchange({ url: 'https://x.test/b64', responseBody: { mimeType: 'text/plain', text: '' } });
    const b64: Exchange = {
      ...early,
      response: {
        ...early.response,
        content: { size: 6, mimeType: 'text/plain', text: btoa('Hidden'), encoding: 'base64' },
      },
    };
    expect(searchText(plain)).not.toContain(tail);
    expect(searchText(b64)).toContain('hidden');
  });

  it('draws no lane and no arrow for the browser’s background requests, and says how many were left out', () => {
    const view = diagramView(exchanges, analysis);
    const subtitles = view.lanes.map((lane) => lane.subtitle);
    for (const host of ['update.googleapis.com', 'accounts.google.com', 'safebrowsing.googleapis.com'])
      expect(subtitles).not.toContain(host);
    expect(subtitles).toContain('login.example.test');
    expect(view.background).toBe(3);
    const drawn = new Set(view.arrows.map((a) => a.exchangeId));
    for (const id of DEVTOOLS_BACKGROUND_IDS) expect(drawn.has(id)).toBe(false);
    expect(view.arrows.filter((a) => a.static && a.kind === 'request').map((a) => a.exchangeId)).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
    ]);
  });
});
