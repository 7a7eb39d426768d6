// The proxy's own answer when it could not route a request or reach the upstream: a stable code and what to check.
import type { ServerResponse } from 'node:http';
import type { ExchangeError } from '@oauth-inspector/core';

export interface ClassifiedFailure extends ExchangeError {
  status: 400 | 502 | 504;
}

/** A request the proxy cannot route (RFC 9110 §15.5.1): recorded and answered 400, never sent anywhere. */
export function badTargetFailure(target: string, reason: string): ClassifiedFailure {
  return {
    status: 400,
    code: 'bad-target',
    message: `The proxy cannot send a request to ${target}: ${reason}; check the URL.`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Verification failures of the upstream's certificate: the chain (a CA we do not trust) or the name it holds. */
const UNTRUSTED_CHAIN = /^(UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_SELF_SIGNED|CERT_)/;
const WRONG_NAME = 'ERR_TLS_CERT_ALTNAME_INVALID';

/** What fixes a certificate the proxy refused for `host`: the option to name, or nothing for other TLS failures. */
function trustHint(code: string, host: string | undefined): string {
  if (!host) return '';
  if (code === WRONG_NAME) return `; if you trust it anyway, use --insecure-upstream ${host}`;
  if (UNTRUSTED_CHAIN.test(code))
    return `; if you trust it, use --upstream-ca <your CA file> or --insecure-upstream ${host}`;
  return '';
}

/**
 * Maps a Node network error to a stable code and a one-sentence cause (RFC 9110 §15.6.3 / §15.6.5). `host` is the
 * TLS upstream's host name, named in the fix for a certificate the proxy does not trust.
 */
export function classifyFailure(err: unknown, target: string, host?: string): ClassifiedFailure {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = e?.code ?? '';
  const detail = e?.message ?? String(err);
  if (code === 'ECONNREFUSED') {
    return {
      status: 502,
      code: 'upstream-refused',
      message: `${target} refused the connection (nothing listens there).`,
    };
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return { status: 504, code: 'upstream-timeout', message: `${target} did not answer in time.` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { status: 502, code: 'upstream-not-found', message: `The host name of ${target} could not be resolved.` };
  }
  if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate|tls|ssl/i.test(detail)) {
    return {
      status: 502,
      code: 'tls-error',
      message: `The TLS connection to ${target} failed: ${detail}${trustHint(code, host)}.`,
    };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return { status: 502, code: 'upstream-reset', message: `${target} closed the connection before answering.` };
  }
  return { status: 502, code: 'upstream-error', message: `Could not get an answer from ${target}: ${detail}.` };
}

const TITLES: Record<ClassifiedFailure['status'], string> = {
  400: '400 Bad Request',
  502: '502 Bad Gateway',
  504: '504 Gateway Timeout',
};

/** A small self-contained HTML page naming the cause; everything captured is escaped. */
export function failurePage(failure: ClassifiedFailure): string {
  const title = TITLES[failure.status];
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif">
<h1>${title}</h1>
<p>${escapeHtml(failure.message)}</p>
<p>Error code: <code>${escapeHtml(failure.code)}</code>. This page comes from the OAuth Inspector proxy${failure.status === 400 ? '' : ', not from the server'}.</p>
</body></html>\n`;
}

/** Sends the failure page, or cuts the response when its head already went out. */
export function answerFailure(res: ServerResponse | undefined, failure: ClassifiedFailure): void {
  if (!res || res.writableEnded) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const page = failurePage(failure);
  res.writeHead(failure.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(page),
    'cache-control': 'no-store',
    'x-oauth-inspector-error': failure.code,
  });
  res.end(page);
}
