// View-model of one exchange's detail: headers, query, form, cookies with attributes, bodies (pretty + language), tokens, cURL.
import {
  basicCredentials,
  insecureUpstreamNote,
  clientCredentials,
  contentText,
  headerValue,
  exchangeLabel,
  formParams,
  postDataText,
  queryParams,
  requestCookiesOf,
  setCookiesOf,
  type Exchange,
  type HarCookie,
  type HarNameValue,
} from '@oauth-inspector/core';
import type { BodyLanguage } from './highlight.ts';
import { isLargeBody } from './large-body.ts';

export interface CookieRow {
  name: string;
  value: string;
  /** Attributes as `name=value` or bare flags, e.g. `Path=/`, `HttpOnly`, `SameSite=Lax`. */
  attributes: string[];
}

export interface BodyView {
  text: string;
  language: BodyLanguage;
  mimeType: string;
  size: number;
  truncated: boolean;
  /** True when the body is binary and shown as a note instead. */
  binary: boolean;
}

export interface MessageView {
  headers: HarNameValue[];
  cookies: CookieRow[];
  body?: BodyView;
}

export interface ExchangeDetail {
  id: string;
  /** `#N`, the id the CLI prints for the same exchange. */
  label: string;
  title: string;
  url: string;
  statusLine: string;
  startedDateTime: string;
  channel: string;
  error?: string;
  query: HarNameValue[];
  form: HarNameValue[];
  /** `Authorization: Basic` decoded: a client's id and secret at the authorization server, else a user-id and password. */
  basic?: { title: string; pairs: HarNameValue[] };
  request: MessageView;
  response: MessageView;
  curl: string;
}

export function languageOf(mimeType: string, text: string): BodyLanguage {
  const mime = mimeType.toLowerCase();
  if (mime.includes('json')) return 'json';
  if (mime.includes('x-www-form-urlencoded')) return 'form';
  if (mime.includes('html') || mime.includes('xml')) return 'html';
  if (mime.includes('javascript') || mime.includes('ecmascript')) return 'javascript';
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') return 'json';
  if (start === '<') return 'html';
  return 'plain';
}

/** JSON re-indented for reading; other text, and a large body (shown plain, on request), unchanged. */
export function prettyBody(text: string, language: BodyLanguage): string {
  if (language !== 'json' || isLargeBody(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function harCookieRow(cookie: HarCookie): CookieRow {
  const attributes: string[] = [];
  if (cookie.path) attributes.push(`Path=${cookie.path}`);
  if (cookie.domain) attributes.push(`Domain=${cookie.domain}`);
  if (cookie.expires) attributes.push(`Expires=${cookie.expires}`);
  if (cookie.httpOnly) attributes.push('HttpOnly');
  if (cookie.secure) attributes.push('Secure');
  if (cookie.sameSite) attributes.push(`SameSite=${cookie.sameSite}`);
  return { name: cookie.name, value: cookie.value, attributes };
}

/** The cookies a request sends: the HAR's list, else the Cookie header as core parses it (RFC 6265 §4.2.1). */
function requestCookies(exchange: Exchange): CookieRow[] {
  if (exchange.request.cookies.length > 0) return exchange.request.cookies.map(harCookieRow);
  return requestCookiesOf(exchange.request.headers).map((c) => ({ name: c.name, value: c.value, attributes: [] }));
}

/** The cookies a response sets, as core parses Set-Cookie (RFC 6265 §5.2), else the HAR's list. */
function responseCookies(exchange: Exchange): CookieRow[] {
  // Prefer the raw Set-Cookie headers: they carry every attribute, including SameSite.
  const parsed = setCookiesOf(exchange.response.headers);
  if (parsed.length > 0) return parsed.map((c) => ({ name: c.name, value: c.value, attributes: c.written }));
  return exchange.response.cookies.map(harCookieRow);
}

function bodyView(
  text: string,
  mimeType: string,
  size: number,
  truncated: boolean,
  base64: boolean,
): BodyView | undefined {
  if (!text) return undefined;
  const language = languageOf(mimeType, text);
  // eslint-disable-next-line no-control-regex
  const binary = base64 && /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 512));
  return { text: binary ? '' : prettyBody(text, language), language, mimeType, size, truncated, binary };
}

/** Quotes for a POSIX shell: everything inside single quotes is literal, so captured text cannot run. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const SKIP_CURL_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

/** "Copy as cURL": method, URL, headers and body, every part single-quoted. */
export function curlCommand(exchange: Exchange): string {
  // --url keeps a captured URL that starts with "-" from being read as an option.
  const parts = ['curl', '--url', shellQuote(exchange.request.url)];
  // curl -X HEAD waits for a body that never comes; --head asks for the headers only.
  if (exchange.request.method === 'HEAD') parts.push('--head');
  else if (exchange.request.method !== 'GET') parts.push('-X', shellQuote(exchange.request.method));
  for (const header of exchange.request.headers) {
    if (header.name.startsWith(':') || SKIP_CURL_HEADERS.has(header.name.toLowerCase())) continue;
    parts.push('-H', shellQuote(`${header.name}: ${header.value}`));
  }
  const body = postDataText(exchange.request.postData);
  if (body) parts.push('--data-raw', shellQuote(body));
  return parts.join(' ');
}

/** Form fields only a client sends to an authorization server: token (RFC 6749 §4.1.3), introspection or revocation (RFC 7662 §2.1, RFC 7009 §2.1), PAR (RFC 9126 §2.1). */
const CLIENT_FORM_FIELDS = new Set(['grant_type', 'token', 'response_type']);

/**
 * A Basic Authorization header decoded: an OAuth client's id and secret, form-decoded (RFC 6749 §2.3.1), on a request
 * to the authorization server's endpoints; anywhere else a plain user-id and password (RFC 7617 §2). Undefined without one.
 */
export function basicPairs(exchange: Exchange): { title: string; pairs: HarNameValue[] } | undefined {
  const authorization = headerValue(exchange.request, 'authorization');
  if (formParams(exchange.request).some((p) => CLIENT_FORM_FIELDS.has(p.name))) {
    const client = clientCredentials(authorization);
    return client
      ? {
          title: 'Basic credentials, decoded (RFC 6749 §2.3.1)',
          pairs: [
            { name: 'client_id', value: client.clientId },
            { name: 'client_secret', value: client.clientSecret },
          ],
        }
      : undefined;
  }
  const basic = basicCredentials(authorization);
  return basic
    ? {
        title: 'Basic credentials, decoded (RFC 7617 §2)',
        pairs: [
          { name: 'user-id', value: basic.user },
          { name: 'password', value: basic.password },
        ],
      }
    : undefined;
}

export function exchangeDetail(exchange: Exchange): ExchangeDetail {
  const basic = basicPairs(exchange);
  const requestText = postDataText(exchange.request.postData);
  const responseText = contentText(exchange.response.content);
  const status =
    exchange._state === 'pending'
      ? 'waiting for the response'
      : exchange._state === 'failed'
        ? 'no response'
        : `${exchange.response.status} ${exchange.response.statusText}`.trim();
  return {
    id: exchange._id,
    label: exchangeLabel(exchange),
    title: `${exchange.request.method} ${exchange.request.url}`,
    url: exchange.request.url,
    statusLine: [status, insecureUpstreamNote(exchange)].filter(Boolean).join(' · '),
    startedDateTime: exchange.startedDateTime,
    channel: exchange._channel === 'back-channel' ? 'back channel' : exchange._channel,
    ...(exchange._error ? { error: `${exchange._error.code}: ${exchange._error.message}` } : {}),
    query: queryParams(exchange.request.url),
    form: formParams(exchange.request),
    ...(basic ? { basic } : {}),
    request: {
      headers: exchange.request.headers,
      cookies: requestCookies(exchange),
      body: bodyView(
        requestText,
        exchange.request.postData?.mimeType ?? '',
        requestText.length,
        exchange._truncated?.request ?? false,
        exchange.request.postData?._encoding === 'base64',
      ),
    },
    response: {
      headers: exchange.response.headers,
      cookies: responseCookies(exchange),
      body: bodyView(
        responseText,
        exchange.response.content.mimeType ?? '',
        exchange.response.content.size,
        exchange._truncated?.response ?? false,
        exchange.response.content.encoding === 'base64',
      ),
    },
    curl: curlCommand(exchange),
  };
}
