// HAR import: real files from DevTools-like tools and the quirks of other exporters; non-HAR input gets one clear sentence.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importHar } from './har-import.ts';
import type { Exchange } from './har.ts';
import { contentText, postDataText } from './exchange-read.ts';
import { analyze } from './analysis/analyze.ts';
import { isNavigation, isStaticAsset } from './http/resource-kind.ts';
import { devtoolsHar } from './testing/devtools-har.ts';

const FIXTURES = fileURLToPath(new URL('../test-fixtures/real-world/', import.meta.url));
const read = (name: string) => readFileSync(FIXTURES + name, 'utf8');

function ok(text: string) {
  const r = importHar(text);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r;
}

describe('importHar', () => {
  it('reads a Firefox HAR with its creator, times and bodies', () => {
    const r = ok(read('jfromaniello_har-sanitizer__test__example.har'));
    expect(r.creator).toBe('Firefox 118.0.1');
    expect(r.exchanges).toHaveLength(3);
    expect(r.exchanges.map((e) => [e._id, e._seq, e._state])).toEqual([
      ['e0', 0, 'complete'],
      ['e1', 1, 'complete'],
      ['e2', 2, 'complete'],
    ]);
    expect(Date.parse(r.exchanges[0]!.startedDateTime)).not.toBeNaN();
    expect(r.warnings).toEqual([]);
  });

  it('reads the Okta sample with null postData, missing sizes and no start times, and warns about the times', () => {
    const r = ok(read('piyushazanjad_okta-har-analyzer_sample.har'));
    expect(r.exchanges.length).toBeGreaterThanOrEqual(6);
    expect(r.exchanges[0]!.request.postData).toBeUndefined();
    expect(r.exchanges[0]!.request.queryString.find((q) => q.name === 'client_id')?.value).toBe('0oa3abc123def');
    expect(r.exchanges[0]!.response.redirectURL).toContain('login.htm');
    expect(r.warnings.join(' ')).toMatch(/start time/);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const r = ok('\uFEFF' + read('jfromaniello_har-sanitizer__test__example.har'));
    expect(r.exchanges).toHaveLength(3);
  });

  it('decodes base64 response and request bodies (mitmproxy, HTTP Toolkit)', () => {
    const body = btoa(JSON.stringify({ access_token: 'abc', token_type: 'Bearer' }));
    const r = ok(
      JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'mitmproxy', version: '10' },
          entries: [
            {
              startedDateTime: '2026-01-01T00:00:00Z',
              time: 3,
              request: {
                method: 'post',
                url: 'https://as.test/token',
                headers: [],
                postData: {
                  mimeType: 'application/x-www-form-urlencoded',
                  text: btoa('grant_type=client_credentials'),
                  _encoding: 'base64',
                },
              },
              response: {
                status: 200,
                headers: [{ name: 'Content-Type', value: 'application/json' }],
                content: { mimeType: 'application/json', text: body, encoding: 'base64' },
              },
            },
          ],
        },
      }),
    );
    const e = r.exchanges[0]!;
    expect(e.request.method).toBe('POST');
    expect(JSON.parse(contentText(e.response.content))).toMatchObject({ access_token: 'abc' });
    expect(postDataText(e.request.postData)).toBe('grant_type=client_credentials');
  });

  it('tolerates nulls and missing fields everywhere (Charles, Fiddler)', () => {
    const r = ok(
      JSON.stringify({
        log: {
          entries: [
            {
              request: { url: 'https://a.test/x', headers: null, cookies: null, queryString: null },
              response: { status: '200', headers: [{ name: 'X', value: null }, null], content: null },
            },
            { request: null, response: null },
            null,
            { startedDateTime: 'yesterday', request: { method: 'GET', url: 'not a url' }, response: { status: 0 } },
          ],
        },
      }),
    );
    expect(r.exchanges).toHaveLength(3);
    expect(r.exchanges[0]!.response.status).toBe(200);
    expect(r.exchanges[1]!._state).toBe('pending');
    expect(r.exchanges[2]!._state).toBe('failed');
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it('gives unique ids when a file repeats them', () => {
    const entry = { _id: 'same', request: { url: 'https://a.test/' }, response: { status: 200 } };
    const r = ok(JSON.stringify({ log: { version: '1.2', entries: [entry, entry] } }));
    expect(new Set(r.exchanges.map((e) => e._id)).size).toBe(2);
  });

  it.each([
    ['', 'har-empty'],
    ['<html>not json</html>', 'har-not-json'],
    ['{"foo": 1}', 'har-no-log'],
    ['[1,2,3]', 'har-no-log'],
    ['{"log": {"entries": "nope"}}', 'har-no-entries'],
  ])('refuses %j with code %s and one sentence', (text, code) => {
    const r = importHar(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/^[A-Z].*\.$/);
      expect(r.message).not.toContain('\n');
    }
  });

  it("keeps DevTools' resource type (document, script, …), which tells navigations and assets apart", () => {
    const exchanges = ok(JSON.stringify(devtoolsHar())).exchanges;
    expect(exchanges.slice(0, 3).map((e) => e._resourceType)).toEqual(['document', 'script', 'stylesheet']);
    // Without a mime type or Fetch metadata, the resource type alone decides.
    const [page, script] = exchanges as [Exchange, Exchange];
    const bare = (e: Exchange): Exchange => ({
      ...e,
      request: { ...e.request, headers: [] },
      response: { ...e.response, content: { size: 0, mimeType: '' } },
    });
    expect([isNavigation(bare(page)), isStaticAsset(bare(page))]).toEqual([true, false]);
    expect([isNavigation(bare(script)), isStaticAsset(bare(script))]).toEqual([false, true]);
    expect(isStaticAsset({ ...bare(script), _resourceType: undefined })).toBe(false);
  });

  it('feeds the analyzer directly', async () => {
    const a = await analyze(ok(read('jfromaniello_har-sanitizer__test__example.har')).exchanges);
    expect(a.labels.some((l) => l.recognizer === 'api-call')).toBe(true);
  });
});
