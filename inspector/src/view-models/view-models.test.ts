// View-models: rows and filters, exchange detail (cookies, bodies, cURL), tokens, checks, timeline, diagram, replay and links.
import { describe, expect, it } from 'vitest';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { analyze, type Analysis, type Finding, type TrackDefinition } from '@oauth-inspector/core';
import { exchangeRows, filterRows, visibleWindow } from './exchange-rows.ts';
import { curlCommand, exchangeDetail, shellQuote } from './exchange-detail.ts';
import { tokenize } from './highlight.ts';
import { formatRelative, tokenView } from './tokens.ts';
import { createSelectors } from '../state/selectors.ts';
import { reduce, initialState } from '../state/store.ts';
import { checksView, safeHref } from './checks.ts';
import { stepStarts, timelineView } from './timeline.ts';
import { diagramView } from './diagram.ts';
import { revealAnalysis } from './reveal.ts';
import {
  formatHash,
  parseHash,
  playbackDelays,
  recordingList,
  recordingUrl,
  sameOriginUrl,
  backoffMs,
} from './navigation.ts';
import { renderMarkdown } from './markdown.ts';

const track: TrackDefinition = {
  id: 't',
  title: 'T',
  steps: [
    {
      id: 't/01-a',
      number: 1,
      title: 'Authorization request',
      recognizers: ['authorization-request'],
      checks: ['pkce.present'],
    },
    { id: 't/02-b', number: 2, title: 'Tokens stored', recognizers: [], checks: [], inferredFrom: 't/01-a' },
    {
      id: 't/03-c',
      number: 3,
      title: 'Token request',
      recognizers: ['token-authorization-code'],
      checks: ['pkce.s256-matches'],
    },
  ],
};
const authz = anExchange({
  id: 'a',
  seq: 0,
  url: 'http://as.localhost/authorize?client_id=spa&state=s1&code_challenge=abc',
  status: 302,
  responseHeaders: { Location: 'http://web.localhost/cb?code=c&state=s1' },
});
const token = anExchange({
  id: 't',
  seq: 1,
  url: 'http://as.localhost/token',
  form: { grant_type: 'authorization_code', code: 'c', code_verifier: 'v' },
  json: { access_token: 'x' },
});
const api = anExchange({ id: 'p', seq: 2, url: 'http://api.localhost/data', status: 500 });
const pkce: Finding = {
  id: 'pkce.s256-matches:t',
  checkId: 'pkce.s256-matches',
  status: 'fail',
  severity: 'must',
  title: 'PKCE',
  message: 'mismatch',
  spec: [
    { label: 'RFC 7636 §4.6', url: 'https://www.rfc-editor.org/rfc/rfc7636#section-4.6' },
    { label: 'bad', url: 'javascript:alert(1)' },
  ],
  evidence: [
    { exchangeId: 'a', label: 'code_challenge', value: 'abc' },
    { exchangeId: 't', label: 'computed', value: 'xyz' },
  ],
  computed: [
    { label: 'code_verifier', value: 'v' },
    { label: 'SHA-256 → base64url', value: 'xyz' },
  ],
};
const analysis: Analysis = {
  labels: [
    { exchangeId: 'a', recognizer: 'authorization-request', summary: '' },
    { exchangeId: 't', recognizer: 'token-authorization-code', summary: '' },
  ],
  steps: [
    {
      stepId: 't/01-a',
      number: 1,
      title: 'Authorization request',
      status: 'seen',
      exchangeIds: ['a'],
      findingIds: [],
      inferred: false,
    },
    {
      stepId: 't/02-b',
      number: 2,
      title: 'Tokens stored',
      status: 'explained',
      exchangeIds: [],
      findingIds: [],
      inferred: true,
    },
    {
      stepId: 't/03-c',
      number: 3,
      title: 'Token request',
      status: 'failed',
      exchangeIds: ['t'],
      findingIds: [pkce.id],
      inferred: false,
    },
  ],
  findings: [
    pkce,
    {
      ...pkce,
      id: 'state.echoed:a',
      checkId: 'state.echoed',
      status: 'pass',
      evidence: [
        { exchangeId: 'a', label: 'sent', value: 's1' },
        { exchangeId: 'a', label: 'returned', value: 's1' },
      ],
      computed: undefined,
    },
  ],
  tokens: [],
  flows: [],
  links: [],
};

describe('exchange rows', () => {
  it('shows method, host, path, status, channel, step and the worst finding, and filters by text, host, step and finding', () => {
    const rows = exchangeRows([authz, token, api], analysis);
    expect(rows[1]).toMatchObject({
      method: 'POST',
      host: 'as.localhost',
      path: '/token',
      status: '200',
      step: '3. Token request',
      finding: 'fail',
      channel: 'browser',
    });
    expect(rows[0]?.finding).toBe('fail');
    expect(rows[2]?.statusClass).toBe('server-error');
    expect(filterRows(rows, { text: 'TOKEN' }).map((r) => r.id)).toEqual(['t']);
    expect(filterRows(rows, { host: 'api.localhost' }).map((r) => r.id)).toEqual(['p']);
    expect(filterRows(rows, { step: 1 }).map((r) => r.id)).toEqual(['a']);
    expect(filterRows(rows, { finding: 'any' }).map((r) => r.id)).toEqual(['a', 't']);
  });

  it('windows a long list to the rows in view plus overscan', () => {
    expect(visibleWindow(10_000, 30_000, 600, 30, 5)).toEqual({ start: 995, end: 1025 });
    expect(visibleWindow(3, 0, 600, 30)).toEqual({ start: 0, end: 3 });
  });
});

describe('exchange detail', () => {
  it('lists query, form, cookies with attributes, pretty JSON and a safely quoted cURL', () => {
    const exchange = anExchange({
      url: "http://as.localhost/token?x=1'; rm -rf /",
      form: { code: "it's" },
      responseHeaders: [{ name: 'Set-Cookie', value: 'sid=1; Path=/; HttpOnly; SameSite=Lax' }],
      json: { a: 1 },
    });
    const detail = exchangeDetail(exchange);
    expect(detail.query).toEqual([{ name: 'x', value: "1'; rm -rf /" }]);
    expect(detail.form).toEqual([{ name: 'code', value: "it's" }]);
    expect(detail.response.cookies).toEqual([
      { name: 'sid', value: '1', attributes: ['Path=/', 'HttpOnly', 'SameSite=Lax'] },
    ]);
    expect(detail.response.body).toMatchObject({ language: 'json', text: '{\n  "a": 1\n}' });
    expect(curlCommand(exchange)).toContain(`'http://as.localhost/token?x=1'\\''; rm -rf /'`);
    expect(curlCommand(exchange)).toContain(`--data-raw 'code=it%27s'`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    // A hostile HAR's URL starting with "-" stays a URL, not a curl option.
    const hostile = anExchange({ url: 'http://x/' });
    expect(curlCommand({ ...hostile, request: { ...hostile.request, url: '-o/tmp/pwned http://x/' } })).toMatch(
      /^curl --url '-o\/tmp\/pwned http:\/\/x\/'/,
    );
    // curl -X HEAD would wait for a body; --head does not.
    const head = anExchange({ url: 'http://x/ping' });
    expect(curlCommand({ ...head, request: { ...head.request, method: 'HEAD' } })).toBe(
      `curl --url 'http://x/ping' --head`,
    );
  });

  it('shows cookies as core parses them: Set-Cookie lines with their attributes, the Cookie header without any', () => {
    const exchange = anExchange({
      url: 'http://as.localhost/',
      requestHeaders: { Cookie: 'a=1; b="two"; =; c=x=y' },
      responseHeaders: [
        { name: 'Set-Cookie', value: 'n=v=w; Secure\nm=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/' },
        { name: 'Set-Cookie', value: 'no-equals-sign' },
      ],
    });
    const detail = exchangeDetail(exchange);
    expect(detail.response.cookies).toEqual([
      { name: 'n', value: 'v=w', attributes: ['Secure'] },
      { name: 'm', value: '2', attributes: ['Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'Path=/'] },
    ]);
    expect(detail.request.cookies).toEqual([
      { name: 'a', value: '1', attributes: [] },
      { name: 'b', value: '"two"', attributes: [] },
      { name: '', value: '', attributes: [] },
      { name: 'c', value: 'x=y', attributes: [] },
    ]);
  });

  it('tokenizes bodies into text tokens without producing markup', () => {
    const payload = '{"x":"<img src=x onerror=alert(1)>"}';
    const tokens = tokenize(payload, 'json');
    expect(tokens.map((t) => t.text).join('')).toBe(payload);
    expect(tokens.some((t) => t.kind === 'string' || t.kind === 'property')).toBe(true);
    expect(
      tokenize('<b>hi</b>', 'html')
        .map((t) => t.text)
        .join(''),
    ).toBe('<b>hi</b>');
  });
});

describe('tokens', () => {
  const b64url = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const header = b64url({ alg: 'RS256', kid: 'k' });
  const payload = b64url({ sub: 'alice', exp: 1767265200, nonce: 'n', constructor: 1 });
  const jwt = `${header}.${payload}.sig`;

  it("lays out the analyzer's token: parts, claims with core's meanings and times relative to the capture, header meanings", async () => {
    const exchange = anExchange({
      id: 'j',
      url: 'http://as.localhost/token',
      method: 'POST',
      form: { grant_type: 'authorization_code', code: 'c' },
      json: { id_token: jwt },
      at: '2026-01-01T10:00:00.000Z',
    });
    const tokens = (await analyze([exchange])).tokens;
    const idToken = tokens.find((t) => t.value === jwt);
    expect(idToken?.kind).toBe('id-token');
    const view = tokenView(idToken!, new Map([['j', exchange]]));
    expect(view.parts).toEqual([header, payload, 'sig']);
    expect(view.claims.find((c) => c.name === 'exp')).toMatchObject({
      time: '2026-01-01T11:00:00.000Z (1 h after capture)',
    });
    expect(view.claims.find((c) => c.name === 'sub')?.meaning).toMatch(/^subject: .*\(RFC 7519 §4\.1\.2\)$/);
    expect(view.claims.find((c) => c.name === 'constructor')?.meaning).toBe('');
    expect(view.sightings[0]).toMatchObject({ exchangeId: 'j', location: 'response.body.id_token' });
    expect(formatRelative(-90)).toBe('2 min before capture');
    expect(formatRelative(0.2)).toBe('at capture time');
    // A pasted token's times are told against now, not against a capture.
    expect([formatRelative(-90, 'now'), formatRelative(3600, 'now'), formatRelative(0, 'now')]).toEqual([
      '2 min ago',
      'in 1 h',
      'now',
    ]);
    expect(view.header.find((h) => h.name === 'alg')?.meaning).toMatch(
      /^signature algorithm: .*\(RFC 7515 §4\.1\.1\)$/,
    );
  });

  it("decodes nothing of its own: without the analyzer's tokens the viewer has none", () => {
    const exchange = anExchange({ id: 'j', url: 'http://as.localhost/token', json: { id_token: jwt } });
    // A HAR holding a JWT, opened but not analyzed yet: the store's token list stays empty until the analyzer speaks.
    const state = reduce(initialState(), {
      type: 'loaded',
      kind: 'file',
      name: 'f.har',
      exchanges: [exchange],
      replay: false,
    });
    expect(state.exchanges).toHaveLength(1);
    expect(createSelectors([]).tokens(state)).toEqual([]);
  });
});

describe('checks', () => {
  it('orders failures first, keeps evidence side by side with the computed chain, and drops non-http spec links', () => {
    const views = checksView(analysis);
    expect(views.map((v) => v.status)).toEqual(['fail', 'pass']);
    expect(views[0]?.chain.map((c) => c.label)).toEqual(['code_verifier', 'SHA-256 → base64url']);
    expect(views[0]?.sidesMatch).toBe(false);
    expect(views[1]?.sidesMatch).toBe(true);
    expect(views[0]?.spec.map((s) => safeHref(s.url))).toEqual([
      'https://www.rfc-editor.org/rfc/rfc7636#section-4.6',
      undefined,
    ]);
    expect(views[0]?.sides.map((side) => side.tokenId)).toEqual([undefined, undefined]);
  });

  it('links evidence that is a whole token to the token viewer', () => {
    const token = {
      id: 't1',
      kind: 'access-token',
      format: 'jwt',
      value: 'xyz',
      sightings: [],
    } as unknown as Analysis['tokens'][number];
    const views = checksView({ ...analysis, tokens: [token] });
    expect(views[0]?.sides.map((side) => side.tokenId)).toEqual([undefined, 't1']);
    // Evidence may also name its token without repeating it.
    const named = checksView({
      ...analysis,
      findings: [{ ...pkce, evidence: [{ exchangeId: 'p', label: 'bearer token t1', tokenId: 't1' }] }],
    });
    expect(named[0]?.sides[0]).toMatchObject({ tokenId: 't1', value: '' });
  });
});

describe('timeline and replay', () => {
  it('lists every track step, with not-seen for steps without results, and the start of each step', () => {
    const steps = timelineView({ ...analysis, steps: analysis.steps.slice(0, 1) }, track);
    expect(steps.map((s) => [s.number, s.status])).toEqual([
      [1, 'seen'],
      [2, 'not-seen'],
      [3, 'not-seen'],
    ]);
    expect(
      stepStarts(
        timelineView(analysis, track),
        new Map([
          ['a', 0],
          ['t', 1],
        ]),
      ),
    ).toEqual([0, 1]);
  });

  it('narrows an analysis to the revealed exchanges', () => {
    const partial = revealAnalysis(analysis, new Set(['a']), track);
    expect(partial.steps.map((s) => s.status)).toEqual(['seen', 'explained', 'not-seen']);
    expect(partial.findings.map((f) => f.checkId)).toEqual(['state.echoed']);
    const none = revealAnalysis(analysis, new Set(), track);
    expect(none.steps.map((s) => s.status)).toEqual(['not-seen', 'not-seen', 'not-seen']);
    const all = revealAnalysis(analysis, new Set(['a', 't', 'p']), track);
    expect(all.steps.map((s) => s.status)).toEqual(['seen', 'explained', 'failed']);
  });

  it('plays back with the original gaps divided by the speed, capped', () => {
    expect(playbackDelays(['2026-01-01T10:00:00Z', '2026-01-01T10:00:01Z', '2026-01-01T10:01:00Z'], 2, 4000)).toEqual([
      0, 500, 4000,
    ]);
    expect(backoffMs(0)).toBe(500);
    expect(backoffMs(10)).toBe(10_000);
  });
});

describe('diagram', () => {
  it('draws lanes for the browser and each role, with numbered request and response arrows', () => {
    const backChannel = anExchange({
      id: 'k',
      seq: 3,
      url: 'http://as.localhost/jwks',
      channel: 'back-channel',
      json: { keys: [] },
    });
    const view = diagramView([authz, token, api, backChannel], {
      ...analysis,
      labels: [...analysis.labels, { exchangeId: 'p', recognizer: 'api-5xx', summary: '' }],
      links: [{ exchangeId: 'k', servesExchangeId: 'p' }],
    });
    // The API's back-channel call (the key download made for its call) starts from the API's own lane.
    expect(view.lanes.map((l) => l.title)).toEqual(['Browser', 'API', 'Authorization server']);
    expect(view.arrows).toHaveLength(8);
    expect(view.arrows[0]).toMatchObject({ from: 0, to: 2, number: '1', kind: 'request' });
    // The key download sits inside the API call it served: its request and response, then the API's 500.
    expect(view.arrows[5]).toMatchObject({ from: 1, to: 2, number: '#4', kind: 'request', nested: true });
    expect(view.arrows[7]).toMatchObject({ kind: 'response', status: 'error', label: '500' });
    // A back-channel request made for no API call comes from a back-end client, in a lane of its own.
    const alone = diagramView([authz, backChannel], analysis);
    expect(alone.lanes.map((l) => l.title)).toEqual(['Browser', 'Back-end client', 'Authorization server']);
  });
});

describe('navigation', () => {
  it('parses and writes deep links, and accepts only safe recording names and same-origin HAR URLs', () => {
    expect(parseHash('#step=9')).toEqual({ step: 9 });
    expect(parseHash('#exchange=a%20b')).toEqual({ exchange: 'a b' });
    expect(parseHash('#step=x')).toEqual({});
    expect(formatHash({ step: 9 })).toBe('#step=9');
    expect(recordingUrl('code-flow')).toBe('/recordings/code-flow.har');
    expect(recordingUrl('../secret')).toBeUndefined();
    expect(sameOriginUrl('/x.har', 'http://localhost:8081')).toBe('http://localhost:8081/x.har');
    expect(sameOriginUrl('https://evil.example/x.har', 'http://localhost:8081')).toBeUndefined();
    expect(sameOriginUrl('javascript:alert(1)', 'http://localhost:8081')).toBeUndefined();
  });

  it('keeps only safe, well-formed entries of the recording index', () => {
    const index = {
      recordings: [
        { name: 'happy-path', description: 'Steps 1–20' },
        { name: '../etc/passwd', description: 'x' },
        { name: 7 },
        { name: 'bare' },
      ],
    };
    expect(recordingList(index)).toEqual([
      { name: 'happy-path', description: 'Steps 1–20' },
      { name: 'bare', description: '' },
    ]);
    expect(recordingList('not json')).toEqual([]);
    expect(recordingList(null)).toEqual([]);
  });
});

describe('lesson markdown', () => {
  it('renders markdown but shows raw HTML as text and drops javascript: links', () => {
    const out = renderMarkdown(
      '# T\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](https://www.rfc-editor.org/)',
    );
    expect(out).toContain('<h1>T</h1>');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('href="https://www.rfc-editor.org/"');
  });
});
