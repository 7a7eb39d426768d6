// The sample world's log lines as a learner reads them in the terminal.
import { describe, expect, it } from 'vitest';
import { readableLogLine } from './readable-log.ts';

describe('readableLogLine', () => {
  it('says status, request and the detail behind a 401', () => {
    const line = JSON.stringify({
      source: 'sample-api',
      type: 'request',
      method: 'GET',
      path: '/api/items',
      status: 401,
      ms: 3,
      error: { code: 'invalid_token', detail: 'signature verification failed' },
    });
    expect(readableLogLine(line)).toBe('API 401 GET /api/items (3 ms) — invalid_token: signature verification failed');
  });

  it('marks preflights and shows back-channel calls with their outcome', () => {
    expect(
      readableLogLine(
        JSON.stringify({
          source: 'sample-api',
          type: 'request',
          method: 'OPTIONS',
          path: '/api/items',
          status: 204,
          preflight: true,
        }),
      ),
    ).toBe('API 204 OPTIONS /api/items (CORS preflight)');
    expect(
      readableLogLine(
        JSON.stringify({
          source: 'sample-api',
          type: 'back-channel',
          call: 'jwks',
          method: 'GET',
          url: 'http://login.localhost:8080/jwksxxx',
          status: 404,
          ms: 5,
        }),
      ),
    ).toBe('API back channel: jwks GET http://login.localhost:8080/jwksxxx → 404 (5 ms)');
    expect(
      readableLogLine(
        JSON.stringify({
          source: 'sample-api',
          type: 'back-channel',
          call: 'introspection',
          url: 'http://x/introspect',
          error: 'ECONNREFUSED',
        }),
      ),
    ).toContain('→ failed: ECONNREFUSED');
  });

  it('leaves other lines to --verbose', () => {
    expect(readableLogLine('not json')).toBeUndefined();
    expect(readableLogLine(JSON.stringify({ source: 'auth-server', type: 'login' }))).toBeUndefined();
    expect(readableLogLine('null')).toBeUndefined();
  });
});
