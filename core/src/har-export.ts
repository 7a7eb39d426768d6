// Turns captured exchanges into a valid HAR 1.2 file, and redacts the secrets in them before sharing.
import type { Exchange, HarFile } from './har.ts';
import { redactExchanges, redactFreeText } from './redaction/redact.ts';

export { REDACTED } from './redaction/placeholders.ts';
export type { RedactedKind } from './redaction/placeholders.ts';
export type { SecretKind } from './redaction/credential-fields.ts';
export { redactExchanges, SessionRedactor, type Redaction, type RedactionPolicy } from './redaction/redact.ts';
export { redactHarFile, type RedactedHarFile, type RedactionNote } from './redaction/har-file.ts';

export interface HarExportOptions {
  creator?: { name: string; version: string };
  comment?: string;
}

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function integer(value: unknown, fallback: number): number {
  return Math.round(finite(value, fallback));
}

/** One entry with every field HAR 1.2 requires present and well-typed (HAR 1.2 §entries). */
function normalizeEntry(exchange: Exchange): Exchange {
  const timings = exchange.timings ?? { send: 0, wait: 0, receive: 0 };
  const send = Math.max(-1, finite(timings.send, 0));
  const wait = Math.max(-1, finite(timings.wait, 0));
  const receive = Math.max(-1, finite(timings.receive, 0));
  const entry: Exchange = {
    ...exchange,
    startedDateTime: exchange.startedDateTime || new Date(0).toISOString(),
    time: Math.max(0, finite(exchange.time, 0)),
    cache: exchange.cache ?? {},
    timings: { ...timings, send, wait, receive },
    request: {
      ...exchange.request,
      headersSize: integer(exchange.request.headersSize, -1),
      bodySize: integer(exchange.request.bodySize, -1),
      queryString: exchange.request.queryString ?? [],
      cookies: exchange.request.cookies ?? [],
      headers: exchange.request.headers ?? [],
    },
    response: {
      ...exchange.response,
      status: integer(exchange.response.status, 0),
      statusText: exchange.response.statusText ?? '',
      httpVersion: exchange.response.httpVersion || 'HTTP/1.1',
      headers: exchange.response.headers ?? [],
      cookies: exchange.response.cookies ?? [],
      redirectURL: exchange.response.redirectURL ?? '',
      headersSize: integer(exchange.response.headersSize, -1),
      bodySize: integer(exchange.response.bodySize, -1),
      content: {
        ...exchange.response.content,
        size: integer(exchange.response.content?.size, 0),
        mimeType: exchange.response.content?.mimeType ?? '',
      },
    },
  };
  if (entry.serverIPAddress === '') delete entry.serverIPAddress;
  return entry;
}

/** A HAR 1.2 file holding the exchanges in capture order; `_` fields are kept (HAR allows custom fields). */
export function toHarFile(exchanges: readonly Exchange[], options: HarExportOptions = {}): HarFile {
  const entries = [...exchanges].sort((a, b) => a._seq - b._seq).map(normalizeEntry);
  return {
    log: {
      version: '1.2',
      creator: options.creator ?? { name: 'OAuth Inspector', version: '0.1.0' },
      entries,
      ...(options.comment ? { comment: options.comment } : {}),
    },
  };
}

/**
 * New exchanges with every credential replaced by a stable placeholder (`REDACTED-password-1`, `REDACTED-token-2`,
 * the same one wherever that value appears, so its use across messages can still be followed): passwords, client
 * secrets and assertions, API keys, private JWK members, Authorization credentials of every scheme, access, refresh,
 * ID and device tokens (a JWS keeps its header and claims and loses its signature), authorization codes, PKCE
 * verifiers, cookie values and interaction ids, wherever they appear. See redaction/credential-fields.ts.
 */
export function redact(exchanges: readonly Exchange[]): Exchange[] {
  return redactExchanges(exchanges).exchanges;
}

/** Free text (a URL, a body, a header value) with its credentials and token signatures replaced by placeholders. */
export function redactText(text: string): string {
  return redactFreeText(text);
}
