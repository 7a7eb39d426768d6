// Tests for HAR export and its redaction entry points: valid HAR 1.2 out, secrets and signatures gone, structure kept.
import { describe, expect, it } from 'vitest';
import { anExchange } from './testing/an-exchange.ts';
import { REDACTED, redact, redactText, toHarFile } from './har-export.ts';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVlLXRoYXQtaXMtbG9uZw';

describe('toHarFile', () => {
  it('writes a HAR 1.2 log with entries in capture order', () => {
    const b = anExchange({ url: 'https://a.example/2', seq: 2 });
    const a = anExchange({ url: 'https://a.example/1', seq: 1 });
    const har = toHarFile([b, a]);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.map((e) => e.request.url)).toEqual(['https://a.example/1', 'https://a.example/2']);
  });

  it('fills fields HAR requires when a failed exchange lacks them', () => {
    const failed = anExchange({ url: 'http://down.example/', state: 'failed', status: 0 });
    const broken = { ...failed, time: Number.NaN, serverIPAddress: '' };
    const [entry] = toHarFile([broken]).log.entries;
    expect(entry?.time).toBe(0);
    expect(entry?.serverIPAddress).toBeUndefined();
  });
});

describe('redact', () => {
  it('removes passwords and client secrets from form bodies and keeps other fields', () => {
    const ex = anExchange({
      url: 'https://as.example/token',
      method: 'POST',
      form: { grant_type: 'password', username: 'alice', password: 'hunter2', client_secret: 's3cr3t' },
    });
    const [out] = redact([ex]);
    const text = out?.request.postData?.text ?? '';
    expect(text).toContain('username=alice');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3cr3t');
  });

  it('removes Basic credentials, cookie values and set-cookie values', () => {
    const ex = anExchange({
      url: 'https://as.example/token',
      requestHeaders: { Authorization: 'Basic YWxpY2U6aHVudGVyMg==', Cookie: 'sid=abc; theme=dark' },
      responseHeaders: { 'Set-Cookie': 'sid=xyz; Path=/; HttpOnly' },
    });
    const [out] = redact([ex]);
    const headers = Object.fromEntries(out!.request.headers.map((h) => [h.name, h.value]));
    // The user id stays readable inside still-valid Basic credentials; only the password is replaced (RFC 7617 §2).
    expect(atob(headers.Authorization!.replace('Basic ', ''))).toBe(`alice:${REDACTED}-password-1`);
    expect(headers.Cookie).toBe(`sid=${REDACTED}-cookie-1; theme=${REDACTED}-cookie-2`);
    expect(out!.response.headers[0]?.value).toBe(`sid=${REDACTED}-cookie-3; Path=/; HttpOnly`);
  });

  it('replaces opaque access and refresh tokens and the code by one placeholder each, wherever they appear', () => {
    const access = 'opaque-access-0123456789';
    const refresh = 'opaque-refresh-9876543210';
    const issued = anExchange({
      url: 'https://as.example/token',
      method: 'POST',
      form: { grant_type: 'authorization_code', code: 'abc123' },
      json: { access_token: access, refresh_token: refresh, token_type: 'Bearer' },
    });
    const used = anExchange({
      url: 'https://api.example/items',
      requestHeaders: { Authorization: `Bearer ${access}` },
    });
    const introspected = anExchange({ url: 'https://as.example/introspect', method: 'POST', form: { token: access } });
    const refreshed = anExchange({
      url: 'https://as.example/token',
      method: 'POST',
      form: { grant_type: 'refresh_token', refresh_token: refresh },
    });
    const out = redact([issued, used, introspected, refreshed]);
    const all = JSON.stringify(out);
    expect(all).not.toContain(access);
    expect(all).not.toContain(refresh);
    expect(JSON.parse(out[0]!.response.content.text!)).toEqual({
      access_token: `${REDACTED}-token-1`,
      refresh_token: `${REDACTED}-token-2`,
      token_type: 'Bearer',
    });
    expect(out[1]!.request.headers.find((h) => h.name === 'Authorization')?.value).toBe(`Bearer ${REDACTED}-token-1`);
    expect(out[2]!.request.postData?.text).toBe(`token=${REDACTED}-token-1`);
    expect(out[3]!.request.postData?.text).toContain(`refresh_token=${REDACTED}-token-2`);
    // The code is replaced like any credential: the same placeholder still links it to its authorization response.
    expect(out[0]!.request.postData?.text).toContain(`code=${REDACTED}-code-1`);
  });

  it('finds opaque tokens in implicit-flow redirects and percent-encoded forms, and leaves words like "undefined" alone', () => {
    const token = 'abc/def+ghi=jkl-0123456789';
    const redirect = anExchange({
      url: 'https://as.example/authorize?response_type=token',
      status: 302,
      responseHeaders: {
        Location: `https://app.example/cb#access_token=${encodeURIComponent(token)}&token_type=Bearer`,
      },
    });
    const form = anExchange({ url: 'https://as.example/revoke', method: 'POST', form: { token } });
    const buggy = anExchange({
      url: 'https://api.example/items',
      requestHeaders: { Authorization: 'Bearer undefined' },
      responseBody: { mimeType: 'application/javascript', text: 'if (x === undefined) {}' },
    });
    const out = redact([redirect, form, buggy]);
    const all = JSON.stringify(out);
    expect(all).not.toContain(encodeURIComponent(token));
    expect(all).not.toContain(token);
    expect(out[0]!.response.headers[0]!.value).toBe(
      `https://app.example/cb#access_token=${REDACTED}-token-1&token_type=Bearer`,
    );
    expect(out[2]!.response.content.text).toBe('if (x === undefined) {}');
  });

  it('drops token signatures but keeps header and payload readable', () => {
    const ex = anExchange({
      url: 'https://api.example/me',
      requestHeaders: { Authorization: `Bearer ${jwt}` },
      json: { id_token: jwt, client_secret: 'x' },
    });
    const [out] = redact([ex]);
    const [head, payload] = jwt.split('.');
    expect(out!.request.headers.find((h) => h.name === 'Authorization')?.value).toBe(
      `Bearer ${head}.${payload}.${REDACTED}-signature-1`,
    );
    expect(out!.response.content.text).toBe(
      JSON.stringify({
        id_token: `${head}.${payload}.${REDACTED}-signature-1`,
        client_secret: `${REDACTED}-client-secret-1`,
      }),
    );
  });

  it('redacts secrets in URLs and leaves the input untouched', () => {
    const ex = anExchange({ url: 'https://as.example/cb?client_secret=abc&state=1' });
    const [out] = redact([ex]);
    expect(out!.request.url).toBe(`https://as.example/cb?client_secret=${REDACTED}-client-secret-1&state=1`);
    expect(ex.request.url).toContain('client_secret=abc');
    expect(redactText('nothing to hide')).toBe('nothing to hide');
    expect(redactText('grant_type=password&password=hunter2')).toBe(
      `grant_type=password&password=${REDACTED}-password-1`,
    );
  });
});
