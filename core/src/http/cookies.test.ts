// The cookie parser against RFC 6265's own examples, quoting, flags, folded headers, empty and hostile input.
import { describe, expect, it } from 'vitest';
import {
  harCookieOf,
  parseCookieHeader,
  parseSetCookie,
  requestCookiesOf,
  setCookiesOf,
  splitSetCookieHeader,
} from './cookies.ts';

describe('parseSetCookie (RFC 6265 §5.2)', () => {
  it('reads the examples of RFC 6265 §3.1', () => {
    expect(parseSetCookie('SID=31d4d96e407aad42')).toMatchObject({
      name: 'SID',
      value: '31d4d96e407aad42',
      attributes: {},
      written: [],
    });
    expect(parseSetCookie('SID=31d4d96e407aad42; Path=/; Domain=example.com')).toMatchObject({
      attributes: { path: '/', domain: 'example.com' },
      written: ['Path=/', 'Domain=example.com'],
    });
    expect(parseSetCookie('SID=31d4d96e407aad42; Path=/; Secure; HttpOnly')?.attributes).toEqual({
      path: '/',
      secure: true,
      httponly: true,
    });
    expect(parseSetCookie('lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT')?.attributes).toEqual({
      expires: 'Wed, 09 Jun 2021 10:18:14 GMT',
    });
    // Deleting a cookie: an empty value and an expiry in the past.
    expect(parseSetCookie('lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT')).toMatchObject({ name: 'lang', value: '' });
  });

  it('keeps a quoted value as sent, quotes included, and "=" inside the value', () => {
    expect(parseSetCookie('a="b c"; Path=/')?.value).toBe('"b c"');
    expect(parseSetCookie('n=v=w; Secure')).toMatchObject({ name: 'n', value: 'v=w', written: ['Secure'] });
  });

  it('reads attribute names case-insensitively, flags without values, and lets the last of a name win (§5.3)', () => {
    const c = parseSetCookie('id=1; SECURE; httponly; Partitioned; SameSite=None; Path=/a; path=/b; Path');
    expect(c?.attributes).toEqual({ secure: true, httponly: true, partitioned: true, samesite: 'None', path: true });
    expect(parseSetCookie('id=1; Path=/a; path=/b')?.attributes.path).toBe('/b');
  });

  it('ignores a line without "=" or with an empty name, as a user agent does (§5.2 steps 2 and 5)', () => {
    expect(parseSetCookie('no-equals-sign; Path=/')).toBeUndefined();
    expect(parseSetCookie('=value')).toBeUndefined();
    expect(parseSetCookie('')).toBeUndefined();
    expect(parseSetCookie('; Path=/')).toBeUndefined();
    expect(parseSetCookie('a=')).toMatchObject({ name: 'a', value: '' });
  });

  it('keeps unknown attributes for display only and cannot be made to touch Object.prototype', () => {
    const c = parseSetCookie('x=1; __proto__=polluted; constructor; Foo=bar')!;
    expect(c.written).toEqual(['__proto__=polluted', 'constructor', 'Foo=bar']);
    expect(c.attributes).toEqual({});
    expect(Object.getPrototypeOf(c.attributes)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives hostile input: non-strings, megabytes of separators', () => {
    expect(parseSetCookie(undefined as unknown as string)).toBeUndefined();
    const started = Date.now();
    const c = parseSetCookie(`a=b${'; '.repeat(500_000)}`);
    expect(c?.name).toBe('a');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(setCookiesOf([{ name: 'Set-Cookie', value: null as unknown as string }, null as never])).toEqual([]);
    expect(parseCookieHeader(42 as unknown as string)).toEqual([]);
  });
});

describe('splitSetCookieHeader', () => {
  it('splits lines joined by newlines or commas, but not the comma inside Expires', () => {
    expect(splitSetCookieHeader('a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT, b=2; Path=/\nc=3')).toEqual([
      'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
      'b=2; Path=/',
      'c=3',
    ]);
    expect(
      setCookiesOf([{ name: 'set-cookie', value: 'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT' }])[0]?.attributes
        .expires,
    ).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
  });
});

describe('parseCookieHeader (RFC 6265 §4.2.1)', () => {
  it('reads the example of RFC 6265 §3.1 and keeps order and duplicates', () => {
    expect(parseCookieHeader('SID=31d4d96e407aad42; lang=en-US')).toEqual([
      { name: 'SID', value: '31d4d96e407aad42' },
      { name: 'lang', value: 'en-US' },
    ]);
    expect(parseCookieHeader('a=1;a=2').map((c) => c.value)).toEqual(['1', '2']);
  });

  it('keeps quoted values, reads a pair without "=" as a nameless cookie, and skips empty pieces', () => {
    expect(parseCookieHeader('q="x y"; solo;; ;z=')).toEqual([
      { name: 'q', value: '"x y"' },
      { name: '', value: 'solo' },
      { name: 'z', value: '' },
    ]);
    expect(parseCookieHeader('')).toEqual([]);
  });

  it('collects every Cookie header of a request, case-insensitively', () => {
    expect(
      requestCookiesOf([
        { name: 'cookie', value: 'a=1' },
        { name: 'Host', value: 'x' },
        { name: 'COOKIE', value: 'b=2' },
      ]).map((c) => c.name),
    ).toEqual(['a', 'b']);
  });
});

describe('harCookieOf', () => {
  it('writes HAR 1.2 cookie fields, Expires as ISO 8601 and dropped when it is not a date', () => {
    const c = parseSetCookie(
      'sid=1; Path=/; Domain=as.test; Expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly; Secure; SameSite=Lax',
    )!;
    expect(harCookieOf(c)).toEqual({
      name: 'sid',
      value: '1',
      path: '/',
      domain: 'as.test',
      expires: '2015-10-21T07:28:00.000Z',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });
    expect(harCookieOf(parseSetCookie('sid=1; Expires=soon; Path')!)).toEqual({ name: 'sid', value: '1' });
  });
});
