// Tests for the redaction pass: stable placeholders, policies that keep kinds, untouched input and ordinary text, HAR notes.
import { describe, expect, it } from 'vitest';
import { toHarFile } from '../har-export.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { redactHarFile } from './har-file.ts';
import { redactExchanges } from './redact.ts';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVlLXRoYXQtaXMtbG9uZw';

const page2 = (text: string) =>
  anExchange({ url: 'https://as.example/login', responseBody: { mimeType: 'text/html', text } });

const session = () => [
  anExchange({ url: 'https://as.example/login', method: 'POST', form: { username: 'alice', password: 'hunter22' } }),
  anExchange({
    url: 'https://as.example/token',
    method: 'POST',
    form: { grant_type: 'authorization_code', code: 'theCode01' },
    json: { access_token: 'OpaqueAccess', id_token: jwt, refresh_token: 'OpaqueRefresh' },
  }),
  anExchange({ url: 'https://api.example/a', requestHeaders: { Authorization: 'Bearer OpaqueAccess' } }),
  anExchange({
    url: 'https://api.example/b',
    requestHeaders: { Authorization: 'Bearer OpaqueAccess' },
    responseBody: { mimeType: 'text/plain', text: 'OpaqueAccess was accepted; the password hunter22 was not echoed' },
  }),
];

describe('redactExchanges', () => {
  it('gives one placeholder per distinct value, numbered per kind in the order first seen, the same in every message', () => {
    const { exchanges, redacted } = redactExchanges(session());
    const bearer = exchanges.slice(2).map((e) => e.request.headers.find((h) => h.name === 'Authorization')?.value);
    expect(bearer).toEqual(['Bearer REDACTED-token-1', 'Bearer REDACTED-token-1']);
    expect(JSON.parse(exchanges[1]!.response.content.text!)).toMatchObject({
      access_token: 'REDACTED-token-1',
      refresh_token: 'REDACTED-token-2',
    });
    expect(exchanges[3]!.response.content.text).toBe(
      'REDACTED-token-1 was accepted; the password REDACTED-password-1 was not echoed',
    );
    expect(redacted).toEqual([
      { kind: 'password', count: 1 },
      { kind: 'code', count: 1 },
      { kind: 'token', count: 2 },
      { kind: 'signature', count: 1 },
    ]);
  });

  it('keeps the kinds a policy keeps, as captured', () => {
    const { exchanges, kept } = redactExchanges(session(), { keep: ['token', 'signature', 'code'] });
    expect(exchanges[1]!.response.content.text).toBe(session()[1]!.response.content.text);
    expect(exchanges[0]!.request.postData?.text).toBe('username=alice&password=REDACTED-password-1');
    expect(kept).toEqual(['token', 'code', 'signature']);
  });

  it('leaves the input unchanged, and a second redaction changes nothing more', () => {
    const input = session();
    const before = JSON.stringify(input);
    const once = redactExchanges(input).exchanges;
    expect(JSON.stringify(input)).toBe(before);
    expect(JSON.stringify(redactExchanges(once).exchanges)).toBe(JSON.stringify(once));
  });

  it('replaces a short value only where it was found, and leaves words a buggy client sends and ordinary text alone', () => {
    const { exchanges } = redactExchanges([
      anExchange({ url: 'https://as.example/login', method: 'POST', form: { pwd: 'abc', password: 'hunter2' } }),
      anExchange({
        url: 'https://api.example/items',
        requestHeaders: { Authorization: 'Bearer undefined' },
        responseBody: { mimeType: 'application/javascript', text: 'if (x === undefined) { abc(); }' },
      }),
      anExchange({
        url: 'https://as.example/echo',
        responseBody: { mimeType: 'text/plain', text: 'hunter22 is not hunter2.' },
      }),
    ]);
    expect(exchanges[0]!.request.postData?.text).toBe('pwd=REDACTED-password-1&password=REDACTED-password-2');
    // A value under 12 characters is replaced elsewhere only as a whole word.
    expect(exchanges[2]!.response.content.text).toBe('hunter22 is not REDACTED-password-2.');
    expect(exchanges[1]!.request.headers.find((h) => h.name === 'Authorization')?.value).toBe('Bearer undefined');
    expect(exchanges[1]!.response.content.text).toBe('if (x === undefined) { abc(); }');
  });

  it('reads `code` in JSON as an authorization code only beside grant_type, and a plain-word cookie value only where it is', () => {
    const { exchanges } = redactExchanges([
      anExchange({
        url: 'https://as.example/token',
        method: 'POST',
        requestBody: { mimeType: 'application/json', text: '{"grant_type":"authorization_code","code":"JsonCode77"}' },
        json: { error: { code: 'invalid_grant' } },
      }),
      anExchange({
        url: 'https://app.example/',
        requestHeaders: { Cookie: 'consent=accepted' },
        responseBody: { mimeType: 'text/html', text: '<p>Cookies accepted; error invalid_grant</p>' },
      }),
    ]);
    expect(JSON.parse(exchanges[0]!.request.postData!.text!)).toEqual({
      grant_type: 'authorization_code',
      code: 'REDACTED-code-1',
    });
    expect(JSON.parse(exchanges[0]!.response.content.text!)).toEqual({ error: { code: 'invalid_grant' } });
    expect(exchanges[1]!.request.headers.find((h) => h.name === 'Cookie')?.value).toBe('consent=REDACTED-cookie-1');
    expect(exchanges[1]!.response.content.text).toBe('<p>Cookies accepted; error invalid_grant</p>');
  });

  it('writes a numeric secret found elsewhere in JSON as a placeholder string, so the JSON stays valid', () => {
    const { exchanges } = redactExchanges([
      anExchange({
        url: 'https://as.example/login',
        method: 'POST',
        requestBody: { mimeType: 'application/json', text: '{"password":31415926}' },
      }),
      anExchange({ url: 'https://as.example/echo', json: { seen: [31415926, 'ok'] } }),
    ]);
    expect(JSON.parse(exchanges[0]!.request.postData!.text!)).toEqual({ password: 'REDACTED-password-1' });
    expect(JSON.parse(exchanges[1]!.response.content.text!)).toEqual({ seen: ['REDACTED-password-1', 'ok'] });
  });
});

describe('known secrets', () => {
  const page = (text: string) =>
    anExchange({ url: 'https://as.example/sign-in', responseBody: { mimeType: 'text/html', text } });

  it('replaces a known value wherever it appears, even where nothing names it, and counts only those present', () => {
    const { exchanges, redacted } = redactExchanges(
      [
        page('<td>alice</td><td>alice-pw-1</td><td>bob</td><td>bob-pw-22</td>'),
        anExchange({ url: 'https://as.example/login', method: 'POST', form: { password: 'alice-pw-1' } }),
      ],
      {
        known: [
          { value: 'alice-pw-1', kind: 'password' },
          { value: 'bob-pw-22', kind: 'password' },
          { value: 'carol-pw-3', kind: 'password' },
        ],
      },
    );
    expect(exchanges[0]!.response.content.text).toBe(
      '<td>alice</td><td>REDACTED-password-1</td><td>bob</td><td>REDACTED-password-2</td>',
    );
    expect(exchanges[1]!.request.postData?.text).toBe('password=REDACTED-password-1');
    expect(redacted).toEqual([{ kind: 'password', count: 2 }]);
  });

  it('refuses a known value too short or too plain to search for (it would match ordinary text)', () => {
    for (const value of ['pw', 'password'])
      expect(() => redactExchanges([], { known: [{ value, kind: 'password' }] })).toThrow(/too short or too plain/);
  });
});

describe('redactHarFile', () => {
  it('numbers the placeholders of a file redacted again after the ones it holds', () => {
    const har = toHarFile([page2('<td>alice-pw-1</td><td>bob-pw-22</td>')]);
    const once = redactHarFile(har, { known: [{ value: 'alice-pw-1', kind: 'password' }] });
    const twice = redactHarFile(once, {
      known: [
        { value: 'alice-pw-1', kind: 'password' },
        { value: 'bob-pw-22', kind: 'password' },
      ],
    });
    const both = redactHarFile(har, {
      known: [
        { value: 'alice-pw-1', kind: 'password' },
        { value: 'bob-pw-22', kind: 'password' },
      ],
    });
    expect(twice.log.entries[0]!.response.content.text).toBe(
      '<td>REDACTED-password-1</td><td>REDACTED-password-2</td>',
    );
    expect(twice.log).toEqual(both.log);
  });

  it('says in the log what was redacted and what was kept, and keeps the counts when run again', () => {
    const har = toHarFile(session(), { comment: 'A recording.' });
    const once = redactHarFile(har, { keep: ['token', 'signature', 'code'] });
    expect(once.log._redacted).toEqual({
      redacted: [{ kind: 'password', count: 1 }],
      kept: ['token', 'code', 'signature'],
    });
    expect(once.log.comment).toBe(
      'A recording. Redacted: password (1), each value as a stable REDACTED-<kind>-<n>; kept as captured: token, code, signature.',
    );
    const twice = redactHarFile(once, { keep: ['token', 'signature', 'code'] });
    expect(twice.log).toEqual(once.log);
  });
});
