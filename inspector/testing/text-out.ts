// Sessions for the text-out tests: bidi, ESC and zero-width characters in a URL, a header and a claim; a body too large to show at once.
import type { Exchange } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';

/** Right-to-left override, escape, zero-width space: characters that reorder, act or hide. */
export const RLO = '\u202E';
export const ESC = '\u001b';
export const ZWSP = '\u200B';

/** A file name that reads "session.har" spoofed: the override flips what follows it. */
export const SPOOFED_FILE_NAME = `invoice${RLO}rah.exe${ZWSP}.har`;

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export function invisibleTextSession(): Exchange[] {
  const jwt = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: 'alice', name: `Ali${RLO}ce${ESC}]0;owned${ESC}\\${ZWSP}`, exp: 1767261600 }))}.`;
  return [
    anExchange({
      id: 'v0',
      seq: 0,
      at: '2026-01-01T10:00:00.000Z',
      url: `http://login.localhost:8080/authorize?client_id=spa${RLO}ipa&response_type=code&state=s${ESC}[2J${ZWSP}`,
      requestHeaders: { 'X-Display': `left${RLO}thgir${ESC}[31m${ZWSP}end` },
      status: 302,
      responseHeaders: { Location: 'http://web.localhost:8080/cb?code=c&state=s' },
    }),
    anExchange({
      id: 'v1',
      seq: 1,
      at: '2026-01-01T10:00:01.000Z',
      url: 'http://login.localhost:8080/token',
      form: { grant_type: 'authorization_code', code: 'c', client_id: 'spa' },
      json: { access_token: jwt, token_type: 'Bearer' },
    }),
  ];
}

/** The marker at the very end of the large body: seen only once the whole body is rendered. */
export const LARGE_BODY_END = 'END-OF-THE-LARGE-BODY';

/** One exchange whose JSON response body is about `bytes` long. */
export function largeBodySession(bytes: number): Exchange[] {
  const row = JSON.stringify({ id: 0, note: 'x'.repeat(200) });
  const count = Math.ceil(bytes / (row.length + 1));
  const text = `[${Array.from({ length: count }, (_, i) => JSON.stringify({ id: i, note: 'x'.repeat(200) })).join(',')},"${LARGE_BODY_END}"]`;
  return [
    anExchange({
      id: 'big0',
      seq: 0,
      at: '2026-01-01T10:00:00.000Z',
      url: 'http://api.localhost:8080/export',
      responseBody: { mimeType: 'application/json', text },
    }),
  ];
}
