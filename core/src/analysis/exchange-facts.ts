// Per-exchange facts the analyzer needs, computed once per exchange version and cached: parsed URL, parameters, bodies, token sightings.
import type { Exchange, HarNameValue } from '../har.ts';
import { contentText, jsonObject, postDataText, safeUrl } from '../exchange-read.ts';
import { looksLikeJwt } from './jwt-decode.ts';

export interface CookieFact {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
  raw: string;
}

export interface TokenCandidate {
  value: string;
  /** e.g. `request.header.authorization`, `response.body.id_token`. */
  location: string;
  /** The name of the field the value sat in (`id_token`, `access_token`, `code`, `bearer`, …). */
  field: string;
}

export interface ExchangeFacts {
  exchange: Exchange;
  id: string;
  seq: number;
  /** Capture time in epoch milliseconds, NaN when unknown. */
  time: number;
  method: string;
  /** origin + pathname, the form endpoints are compared in. */
  endpoint: string;
  origin: string;
  path: string;
  query: Map<string, string>;
  form: Map<string, string>;
  requestJson: Record<string, unknown> | undefined;
  requestHeaders: Map<string, string>;
  status: number;
  responseHeaders: Map<string, string>;
  responseJson: Record<string, unknown> | undefined;
  responseMime: string;
  /** The response body text for HTML responses only (others are not kept). */
  responseHtml: string;
  /** Whether the response redirects somewhere (a Location header or HAR redirectURL that resolves to a URL). */
  hasLocation: boolean;
  /** The request URL without its fragment (what a redirect or a Referer names), '' when it does not parse. */
  url: string;
  /** Where the response redirects to, resolved and without fragment; '' when it does not. */
  locationUrl: string;
  locationQuery: Map<string, string>;
  locationFragment: Map<string, string>;
  requestFragment: Map<string, string>;
  setCookies: CookieFact[];
  requestCookies: Map<string, string>;
  bearer: string | undefined;
  authScheme: string | undefined;
  tokens: TokenCandidate[];
}

function firstMap(pairs: Iterable<[string, string]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [k, v] of pairs) if (!map.has(k)) map.set(k, v);
  return map;
}

/** Lower-cased header names, shared: the same few names repeat in every exchange. */
const lowerNames = new Map<string, string>();
function lowerName(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size > 2000) lowerNames.clear();
    lowerNames.set(name, lower);
  }
  return lower;
}

function headerMap(headers: readonly HarNameValue[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!Array.isArray(headers)) return map;
  for (const h of headers) {
    if (!h || typeof h.name !== 'string') continue;
    const key = lowerName(h.name);
    if (!map.has(key)) map.set(key, typeof h.value === 'string' ? h.value : String(h.value ?? ''));
  }
  return map;
}

function searchMap(text: string): Map<string, string> {
  if (!text) return new Map();
  try {
    return firstMap(new URLSearchParams(text));
  } catch {
    return new Map();
  }
}

/** Parses one Set-Cookie value (RFC 6265 §5.2) into name, value and attributes. */
export function parseSetCookie(raw: string): CookieFact | undefined {
  const parts = raw.split(';');
  const first = parts.shift() ?? '';
  const eq = first.indexOf('=');
  if (eq <= 0) return undefined;
  const attributes: Record<string, string | true> = {};
  for (const part of parts) {
    const i = part.indexOf('=');
    const key = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
    if (key) attributes[key] = i < 0 ? true : part.slice(i + 1).trim();
  }
  return { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim(), attributes, raw };
}

const TOKEN_FIELDS = new Set([
  'access_token', 'id_token', 'refresh_token', 'code', 'token', 'id_token_hint', 'logout_token', 'client_assertion',
  'assertion', 'subject_token', 'device_code',
]);

/** In JSON bodies `code` and `token` are too generic (error codes, CSRF tokens): only unmistakable token fields. */
const JSON_TOKEN_FIELDS = new Set(['access_token', 'id_token', 'refresh_token', 'logout_token', 'device_code']);

function collectFromParams(out: TokenCandidate[], params: Map<string, string>, prefix: string): void {
  for (const [name, value] of params) {
    if (!value) continue;
    if (TOKEN_FIELDS.has(name) || looksLikeJwt(value)) out.push({ value, location: `${prefix}.${name}`, field: name });
  }
}

/** `response.body` + [`id_token`] → `response.body.id_token`; array indexes as `[0]`. Built only for the values kept. */
function jsonPath(root: string, steps: (string | number)[]): string {
  let path = root;
  for (const step of steps) path += typeof step === 'number' ? `[${step}]` : `.${step}`;
  return path;
}

function collectFromJson(out: TokenCandidate[], value: unknown, root: string, steps: (string | number)[], field: string, depth: number): void {
  if (depth > 6) return;
  if (typeof value === 'string') {
    if ((JSON_TOKEN_FIELDS.has(field) && value.length > 0 && depth === 1) || looksLikeJwt(value)) out.push({ value, location: jsonPath(root, steps), field });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && i < 200; i++) {
      steps.push(i);
      collectFromJson(out, value[i], root, steps, field, depth + 1);
      steps.pop();
    }
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const k of Object.keys(value)) {
      steps.push(k);
      collectFromJson(out, (value as Record<string, unknown>)[k], root, steps, k, depth + 1);
      steps.pop();
    }
  }
}

const EMPTY = new Map<string, string>();

function withoutHash(url: URL): string {
  return url.hash ? url.href.slice(0, url.href.length - url.hash.length) : url.href;
}

/** A Location header resolved against the request URL (RFC 9110 §10.2.2); null when it cannot be (opaque base, junk). */
function resolveUrl(value: string, base: URL | null): URL | null {
  try {
    return base ? new URL(value, base) : new URL(value);
  } catch {
    return null;
  }
}

/** Reads everything the recognizers and checks look at from one exchange; tolerant of any malformed field. */
export function exchangeFacts(exchange: Exchange): ExchangeFacts {
  const request = exchange.request ?? ({} as Exchange['request']);
  const response = exchange.response ?? ({} as Exchange['response']);
  const rawUrl = typeof request.url === 'string' ? request.url : '';
  const url = safeUrl(rawUrl);
  const method = typeof request.method === 'string' ? request.method.toUpperCase() : 'GET';
  const requestHeaders = headerMap(request.headers);
  const responseHeaders = headerMap(response.headers);
  // Parsed from url.search rather than url.searchParams, so the URL object keeps no parameter list and can be dropped.
  const query = url && url.search ? searchMap(url.search.slice(1)) : EMPTY;
  const requestFragment = url && url.hash.length > 1 ? searchMap(url.hash.slice(1)) : EMPTY;

  let form: Map<string, string> = EMPTY;
  let requestJson: Record<string, unknown> | undefined;
  const postData = request.postData && typeof request.postData === 'object' ? request.postData : undefined;
  if (postData) {
    const mime = String(postData.mimeType || requestHeaders.get('content-type') || '').toLowerCase();
    if (Array.isArray(postData.params) && postData.params.length > 0 && typeof postData.text !== 'string') {
      form = firstMap(postData.params.filter((p) => p && typeof p.name === 'string').map((p) => [p.name, String(p.value ?? '')] as [string, string]));
    } else {
      const text = postDataText(postData);
      if (mime.includes('x-www-form-urlencoded')) form = searchMap(text);
      else if (mime.includes('json')) requestJson = jsonObject(text);
    }
  }

  const content = response.content && typeof response.content === 'object' ? response.content : undefined;
  const responseMime = String(content?.mimeType || responseHeaders.get('content-type') || '').toLowerCase();
  let responseJson: Record<string, unknown> | undefined;
  let responseHtml = '';
  if (content && typeof content.text === 'string' && content.text.length > 0) {
    const first = content.encoding === 'base64' ? '' : content.text.trimStart().charAt(0);
    if (responseMime.includes('json') || first === '{' || (content.encoding === 'base64' && !responseMime.includes('html'))) {
      responseJson = jsonObject(contentText(content));
    } else if (responseMime.includes('html')) {
      responseHtml = contentText(content).slice(0, 200_000);
    }
  }

  const locationHeader = responseHeaders.get('location') || (typeof response.redirectURL === 'string' ? response.redirectURL : '');
  const location = locationHeader ? resolveUrl(locationHeader, url) : null;
  const locationQuery = location && location.search ? searchMap(location.search.slice(1)) : EMPTY;
  const locationFragment = location && location.hash.length > 1 ? searchMap(location.hash.slice(1)) : EMPTY;

  const setCookies: CookieFact[] = [];
  if (Array.isArray(response.headers)) {
    for (const h of response.headers) {
      if (h && typeof h.name === 'string' && lowerName(h.name) === 'set-cookie' && typeof h.value === 'string') {
        for (const line of h.value.split('\n')) {
          const c = parseSetCookie(line);
          if (c) setCookies.push(c);
        }
      }
    }
  }
  const cookieHeader = requestHeaders.get('cookie');
  const requestCookies = cookieHeader ? new Map<string, string>() : EMPTY;
  if (cookieHeader) {
    for (const part of cookieHeader.split(';')) {
      const i = part.indexOf('=');
      if (i > 0) requestCookies.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
    }
  }

  const authorization = requestHeaders.get('authorization') ?? '';
  const space = authorization.indexOf(' ');
  const authScheme = authorization ? (space > 0 ? authorization.slice(0, space) : authorization).toLowerCase() : undefined;
  const bearer = (authScheme === 'bearer' || authScheme === 'dpop') && space > 0 ? authorization.slice(space + 1).trim() : undefined;

  const tokens: TokenCandidate[] = [];
  if (bearer) tokens.push({ value: bearer, location: 'request.header.authorization', field: 'bearer' });
  collectFromParams(tokens, query, 'request.query');
  collectFromParams(tokens, requestFragment, 'request.fragment');
  collectFromParams(tokens, form, 'request.form');
  if (requestJson) collectFromJson(tokens, requestJson, 'request.body', [], '', 0);
  if (responseJson) collectFromJson(tokens, responseJson, 'response.body', [], '', 0);
  collectFromParams(tokens, locationQuery, 'response.location.query');
  collectFromParams(tokens, locationFragment, 'response.location.fragment');
  for (const [name, value] of requestCookies) if (looksLikeJwt(value)) tokens.push({ value, location: `request.cookie.${name}`, field: name });
  for (const c of setCookies) if (looksLikeJwt(c.value)) tokens.push({ value: c.value, location: `response.set-cookie.${c.name}`, field: c.name });
  if (responseHtml && responseHtml.length < 50_000) {
    // form_post response mode (OAuth 2.0 Form Post Response Mode §2): hidden inputs carry the response parameters.
    for (const m of responseHtml.matchAll(/<input[^>]*name=["']?(code|id_token|access_token|state)["']?[^>]*value=["']([^"']*)["']/gi)) {
      if (m[1] !== 'state') tokens.push({ value: m[2]!, location: `response.body.form.${m[1]}`, field: m[1]! });
    }
  }

  const time = Date.parse(typeof exchange.startedDateTime === 'string' ? exchange.startedDateTime : '');
  const origin = url ? url.origin : '';
  const path = url ? url.pathname : '';
  return {
    exchange,
    id: String(exchange._id),
    seq: typeof exchange._seq === 'number' ? exchange._seq : 0,
    time,
    method,
    endpoint: url ? origin + path : rawUrl,
    origin,
    path,
    query,
    form,
    requestJson,
    requestHeaders,
    status: typeof response.status === 'number' ? response.status : 0,
    responseHeaders,
    responseJson,
    responseMime,
    responseHtml,
    hasLocation: location !== null,
    url: url ? withoutHash(url) : '',
    locationUrl: location ? withoutHash(location) : '',
    locationQuery,
    locationFragment,
    requestFragment,
    setCookies,
    requestCookies,
    bearer,
    authScheme,
    tokens,
  };
}
