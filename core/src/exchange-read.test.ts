// Header lookup and the query/form parser: case-insensitive names, order and duplicates, tolerance of malformed HAR.
import { describe, expect, it } from 'vitest';
import { anExchange } from './testing/an-exchange.ts';
import {
  formParams,
  fragmentParams,
  headerMap,
  headerValue,
  headerValues,
  parseQuery,
  queryParams,
} from './exchange-read.ts';
import type { HarNameValue } from './har.ts';

describe('header lookup (RFC 9110 §5.1)', () => {
  const headers: HarNameValue[] = [
    { name: 'Content-Type', value: 'text/html' },
    null as never,
    { name: 'set-cookie', value: 'a=1' },
    { name: 'Set-Cookie', value: 'b=2' },
    { name: 'X-Num', value: 7 as unknown as string },
  ];

  it('finds a header by name in any case, in a message or a bare list, skipping malformed entries', () => {
    expect(headerValue(headers, 'content-type')).toBe('text/html');
    expect(headerValue({ headers }, 'CONTENT-TYPE')).toBe('text/html');
    expect(headerValue(headers, 'x-num')).toBe('7');
    expect(headerValue(headers, 'location')).toBeUndefined();
    expect(headerValue(undefined, 'location')).toBeUndefined();
    expect(headerValues(headers, 'Set-Cookie')).toEqual(['a=1', 'b=2']);
  });

  it('maps lower-cased names to their first value', () => {
    const map = headerMap(headers);
    expect(map.get('set-cookie')).toBe('a=1');
    expect(map.has('Content-Type')).toBe(false);
    expect(headerMap({ headers: 'junk' as never }).size).toBe(0);
  });
});

describe('query and form parsing (WHATWG URL §5.1)', () => {
  it('decodes + and percent escapes, keeps order and duplicates, and leaves bad escapes as they are', () => {
    expect(parseQuery('a=1+2&b=%C3%A9&a=3&flag&bad=%zz')).toEqual([
      { name: 'a', value: '1 2' },
      { name: 'b', value: 'é' },
      { name: 'a', value: '3' },
      { name: 'flag', value: '' },
      { name: 'bad', value: '%zz' },
    ]);
    expect(parseQuery('')).toEqual([]);
  });

  it('reads the query and the fragment of absolute URLs only', () => {
    expect(queryParams('https://as.test/authorize?response_type=code&state=s#x=1')).toEqual([
      { name: 'response_type', value: 'code' },
      { name: 'state', value: 's' },
    ]);
    expect(queryParams('https://as.test/cb')).toEqual([]);
    expect(queryParams('/relative?a=1')).toEqual([]);
    expect(fragmentParams('https://spa.test/cb#access_token=t&token_type=Bearer')).toEqual([
      { name: 'access_token', value: 't' },
      { name: 'token_type', value: 'Bearer' },
    ]);
  });

  it('reads form fields from the body text or from HAR params, and nothing from other media types', () => {
    expect(
      formParams(
        anExchange({
          url: 'https://as.test/token',
          method: 'POST',
          form: { grant_type: 'authorization_code', code: 'a b' },
        }).request,
      ),
    ).toEqual([
      { name: 'grant_type', value: 'authorization_code' },
      { name: 'code', value: 'a b' },
    ]);
    const fromParams = {
      headers: [],
      postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'x', value: '1' }, null as never] },
    };
    expect(formParams(fromParams)).toEqual([{ name: 'x', value: '1' }]);
    expect(
      formParams(
        anExchange({ url: 'https://as.test/token', requestBody: { mimeType: 'application/json', text: 'a=1' } })
          .request,
      ),
    ).toEqual([]);
  });
});
