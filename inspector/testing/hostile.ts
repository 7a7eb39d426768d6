// A hostile session for the XSS test: script payloads in bodies, headers, URLs, cookies, JSON strings and JWT claims.
import type { Exchange } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { sampleFlow } from './sample-flow.ts';

const MARK = "window.__pwned=(window.__pwned||0)+1;console.log('PWNED')";

export const PAYLOADS = [
  `<img src=x onerror="${MARK}">`,
  `</script><script>${MARK}</script>`,
  `javascript:${MARK}`,
  `"><svg onload="${MARK}"></svg>`,
  `<iframe srcdoc="<script>parent.${MARK}</script>"></iframe>`,
  `<a href="javascript:${MARK}">click</a>`,
  `'-alert(1)-'`,
  `<style>*{display:none}</style><details open ontoggle="${MARK}">`,
];

const ALL = PAYLOADS.join(' ');

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export function hostileSession(): Exchange[] {
  const flow = sampleFlow({
    idPrefix: 'h',
    spicy: ALL,
    idTokenClaims: {
      name: PAYLOADS[0],
      email: PAYLOADS[1],
      picture: PAYLOADS[2],
      [PAYLOADS[3]!]: 'claim named with a payload',
    },
  });
  const unsignedJwt = `${b64url(JSON.stringify({ alg: 'none', typ: `JWT ${PAYLOADS[0]}`, kid: PAYLOADS[1] }))}.${b64url(JSON.stringify({ sub: PAYLOADS[2], iss: PAYLOADS[0], aud: PAYLOADS[3], scope: PAYLOADS[4], nonce: PAYLOADS[5], exp: 1767261600 }))}.`;
  let seq = flow.length;
  const extra = (sketch: Parameters<typeof anExchange>[0]) =>
    anExchange({
      ...sketch,
      seq,
      id: `x${seq++}`,
      at: new Date(Date.parse('2026-01-01T10:00:10Z') + seq * 100).toISOString(),
    });
  const evil: Exchange[] = [
    extra({
      url: `http://evil.localhost:8080/${encodeURIComponent(PAYLOADS[0]!)}?redirect_uri=${encodeURIComponent(PAYLOADS[2]!)}&state=${encodeURIComponent(PAYLOADS[1]!)}&client_id=${encodeURIComponent(PAYLOADS[3]!)}&response_type=code`,
      requestHeaders: {
        'X-Evil': PAYLOADS[1]!,
        Cookie: `sess=${PAYLOADS[0]}; other=${PAYLOADS[3]}`,
        Referer: PAYLOADS[2]!,
      },
      status: 302,
      responseHeaders: [
        { name: 'Location', value: PAYLOADS[2]! },
        { name: 'Set-Cookie', value: `evil=${PAYLOADS[0]}; Path=/${PAYLOADS[1]}; SameSite=${PAYLOADS[3]}` },
        { name: PAYLOADS[3]!, value: PAYLOADS[4]! },
      ],
    }),
    extra({
      url: 'http://evil.localhost:8080/page',
      responseBody: { mimeType: 'text/html', text: `<html><body>${ALL}<script>${MARK}</script></body></html>` },
    }),
    extra({
      url: 'http://evil.localhost:8080/data.json',
      json: {
        html: PAYLOADS[0],
        script: PAYLOADS[1],
        link: PAYLOADS[2],
        nested: { [PAYLOADS[3]!]: [PAYLOADS[4], PAYLOADS[5]] },
        token: unsignedJwt,
      },
    }),
    extra({
      url: 'http://evil.localhost:8080/app.js',
      responseBody: {
        mimeType: 'application/javascript',
        text: `${MARK};\n// ${ALL}\nconst s = "</script><script>${MARK}</script>";`,
      },
    }),
    extra({
      url: 'http://evil.localhost:8080/token',
      form: {
        grant_type: 'authorization_code',
        code: PAYLOADS[0]!,
        code_verifier: PAYLOADS[1]!,
        redirect_uri: PAYLOADS[2]!,
      },
      json: {
        access_token: unsignedJwt,
        id_token: unsignedJwt,
        token_type: PAYLOADS[0],
        error_description: PAYLOADS[1],
      },
    }),
    extra({
      url: `http://evil.localhost:8080/api?q=${encodeURIComponent(ALL)}`,
      method: 'POST',
      requestHeaders: { Authorization: `Bearer ${unsignedJwt}` },
      requestBody: { mimeType: 'text/plain', text: ALL },
      status: 401,
      responseHeaders: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${PAYLOADS[0]}"` },
      responseBody: { mimeType: 'text/plain', text: ALL },
    }),
    extra({
      url: 'http://evil.localhost:8080/failed',
      state: 'failed',
      error: { code: PAYLOADS[0]!, message: PAYLOADS[1]! },
    }),
  ];
  return [...flow, ...evil];
}
