// The implicit recognizers are precise: hybrid and code-flow messages are not the implicit flow, a call with a token is not a call without one.
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.ts';
import { anExchange } from '../../testing/an-exchange.ts';

const AS = 'https://login.example';
const API = 'https://api.example';
const WEB = 'https://web.example';

async function labelsOf(...exchanges: Parameters<typeof anExchange>[0][]): Promise<Map<string, string[]>> {
  const a = await analyze(exchanges.map((e, i) => anExchange({ seq: i, id: `x${i}`, ...e })));
  const byId = new Map<string, string[]>();
  for (const l of a.labels) byId.set(l.exchangeId, [...(byId.get(l.exchangeId) ?? []), l.recognizer]);
  return byId;
}

const authorize = (responseType: string) =>
  `${AS}/authorize?client_id=spa&response_type=${encodeURIComponent(responseType)}&state=s&nonce=n&redirect_uri=${WEB}/cb`;

describe('implicit recognizers', () => {
  it('label id_token token and token requests as implicit, never code or hybrid ones', async () => {
    const labels = await labelsOf(
      { url: authorize('id_token token') },
      { url: authorize('token') },
      { url: authorize('code') },
      { url: authorize('code id_token token') },
    );
    const implicit = [...labels].filter(([, l]) => l.includes('implicit-authorization-request')).map(([id]) => id);
    expect(implicit).toEqual(['x0', 'x1']);
  });

  it('label a redirect with an access token and no code as the implicit response, and a fragment error as its error', async () => {
    const labels = await labelsOf(
      {
        url: authorize('id_token token'),
        status: 302,
        responseHeaders: { location: `${WEB}/cb#access_token=a&token_type=Bearer&state=s` },
      },
      {
        url: authorize('code id_token token'),
        status: 302,
        responseHeaders: { location: `${WEB}/cb#code=c&access_token=a2&token_type=Bearer&state=s` },
      },
      {
        url: authorize('id_token token'),
        status: 302,
        responseHeaders: { location: `${WEB}/cb#error=invalid_scope&state=s` },
      },
      { url: authorize('code'), status: 302, responseHeaders: { location: `${WEB}/cb?error=invalid_scope&state=s` } },
    );
    expect(labels.get('x0')).toContain('implicit-authorization-response');
    expect(labels.get('x1')).not.toContain('implicit-authorization-response');
    expect(labels.get('x2')).toContain('implicit-authorization-error');
    expect(labels.get('x3')).not.toContain('implicit-authorization-error');
  });

  it('tell the API call without a token from calls with one, and find the implicit token when it is used', async () => {
    const labels = await labelsOf(
      { url: `${API}/items`, status: 401, responseHeaders: { 'www-authenticate': 'Bearer realm="api"' } },
      {
        url: authorize('id_token token'),
        status: 302,
        responseHeaders: { location: `${WEB}/cb#access_token=tok-1&token_type=Bearer&state=s` },
      },
      { url: `${API}/items`, requestHeaders: { authorization: 'Bearer tok-1' }, status: 200, json: { items: [] } },
      {
        url: `${API}/items`,
        requestHeaders: { authorization: 'Bearer other' },
        status: 401,
        responseHeaders: { 'www-authenticate': 'Bearer error="invalid_token"' },
      },
    );
    expect(labels.get('x0')).toContain('api-call-without-token');
    expect(labels.get('x2')).toContain('implicit-token-api-call');
    expect(labels.get('x3')).not.toContain('api-call-without-token');
    expect(labels.get('x3')).not.toContain('implicit-token-api-call');
  });

  it('judge where implicit tokens are sent: https passes, loopback http warns, other http fails, code flow is not judged', async () => {
    const request = (responseType: string, redirect: string) =>
      `${AS}/authorize?client_id=spa&response_type=${encodeURIComponent(responseType)}&state=s&nonce=n&redirect_uri=${encodeURIComponent(redirect)}`;
    const a = await analyze(
      [
        request('id_token token', 'https://web.example/cb'),
        request('id_token token', 'http://web.localhost:8080/callback'),
        request('token', 'http://web.example/cb'),
        request('code', 'http://web.example/cb'),
      ].map((url, i) => anExchange({ seq: i, id: `x${i}`, url, at: `2026-01-01T00:0${i}:00Z` })),
    );
    const found = a.findings.filter((f) => f.checkId === 'implicit.redirect-uri-https');
    expect(found.map((f) => [f.evidence[0]!.exchangeId, f.status])).toEqual([
      ['x0', 'pass'],
      ['x1', 'warn'],
      ['x2', 'fail'],
    ]);
  });
});
