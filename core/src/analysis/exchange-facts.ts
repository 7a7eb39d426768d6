// Per-exchange facts the analyzer needs, computed once per exchange version and cached: parsed URL, parameters, bodies, token sightings.
import type { Exchange } from '../har.ts';
import {
  contentText,
  firstValues,
  formParams,
  headerMap,
  jsonObject,
  parseQuery,
  postDataText,
  safeUrl,
} from '../exchange-read.ts';
import { parseCookieHeader, setCookiesOf, type SetCookie } from '../http/cookies.ts';
import { looksLikeJwt } from './jwt-decode.ts';

/** A Set-Cookie the response carries, parsed by core's one cookie parser (RFC 6265 §5.2). */
export type CookieFact = SetCookie;

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

/** The one shared empty map, so that exchanges without a query or form allocate none. */
const EMPTY = new Map<string, string>();

/** Query-shaped text (a search, a fragment, a form body) as its first value per name. */
function searchMap(text: string): Map<string, string> {
  return text ? firstValues(parseQuery(text)) : EMPTY;
}

const TOKEN_FIELDS = new Set([
  'access_token',
  'id_token',
  'refresh_token',
  'code',
  'token',
  'id_token_hint',
  'logout_token',
  'client_assertion',
  'assertion',
  'subject_token',
  'device_code',
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

function collectFromJson(
  out: TokenCandidate[],
  value: unknown,
  root: string,
  steps: (string | number)[],
  field: string,
  depth: number,
): void {
  if (depth > 6) return;
  if (typeof value === 'string') {
    if ((JSON_TOKEN_FIELDS.has(field) && value.length > 0 && depth === 1) || looksLikeJwt(value))
      out.push({ value, location: jsonPath(root, steps), field });
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

type Request = Exchange['request'];
type Response = Exchange['response'];

/** The request body as form fields or a JSON object, whichever its media type says it is. */
function requestBody(
  request: Request,
  requestHeaders: Map<string, string>,
): Pick<ExchangeFacts, 'form' | 'requestJson'> {
  const postData = request.postData && typeof request.postData === 'object' ? request.postData : undefined;
  if (!postData) return { form: EMPTY, requestJson: undefined };
  const fields = formParams(request);
  if (fields.length > 0) return { form: firstValues(fields), requestJson: undefined };
  const mime = String(postData.mimeType || requestHeaders.get('content-type') || '').toLowerCase();
  return { form: EMPTY, requestJson: mime.includes('json') ? jsonObject(postDataText(postData)) : undefined };
}

/** The response body as a JSON object, or as HTML text (others are not kept). */
function responseBody(
  response: Response,
  responseHeaders: Map<string, string>,
): Pick<ExchangeFacts, 'responseJson' | 'responseHtml' | 'responseMime'> {
  const content = response.content && typeof response.content === 'object' ? response.content : undefined;
  const responseMime = String(content?.mimeType || responseHeaders.get('content-type') || '').toLowerCase();
  const out: Pick<ExchangeFacts, 'responseJson' | 'responseHtml' | 'responseMime'> = {
    responseJson: undefined,
    responseHtml: '',
    responseMime,
  };
  if (!content || typeof content.text !== 'string' || content.text.length === 0) return out;
  const first = content.encoding === 'base64' ? '' : content.text.trimStart().charAt(0);
  if (
    responseMime.includes('json') ||
    first === '{' ||
    (content.encoding === 'base64' && !responseMime.includes('html'))
  ) {
    out.responseJson = jsonObject(contentText(content));
  } else if (responseMime.includes('html')) {
    out.responseHtml = contentText(content).slice(0, 200_000);
  }
  return out;
}

/** The Authorization header's scheme (lower-cased) and, for Bearer and DPoP (RFC 6750 §2.1, RFC 9449 §7.1), its token. */
function authorizationOf(requestHeaders: Map<string, string>): Pick<ExchangeFacts, 'authScheme' | 'bearer'> {
  const authorization = requestHeaders.get('authorization') ?? '';
  const space = authorization.indexOf(' ');
  const authScheme = authorization
    ? (space > 0 ? authorization.slice(0, space) : authorization).toLowerCase()
    : undefined;
  const bearer =
    (authScheme === 'bearer' || authScheme === 'dpop') && space > 0 ? authorization.slice(space + 1).trim() : undefined;
  return { authScheme, bearer };
}

/** Every place a token can sit in one exchange, in a fixed order (the order sightings are reported in). */
function tokenCandidates(f: ExchangeFacts): TokenCandidate[] {
  const tokens: TokenCandidate[] = [];
  if (f.bearer) tokens.push({ value: f.bearer, location: 'request.header.authorization', field: 'bearer' });
  collectFromParams(tokens, f.query, 'request.query');
  collectFromParams(tokens, f.requestFragment, 'request.fragment');
  collectFromParams(tokens, f.form, 'request.form');
  if (f.requestJson) collectFromJson(tokens, f.requestJson, 'request.body', [], '', 0);
  if (f.responseJson) collectFromJson(tokens, f.responseJson, 'response.body', [], '', 0);
  collectFromParams(tokens, f.locationQuery, 'response.location.query');
  collectFromParams(tokens, f.locationFragment, 'response.location.fragment');
  for (const [name, value] of f.requestCookies)
    if (looksLikeJwt(value)) tokens.push({ value, location: `request.cookie.${name}`, field: name });
  for (const c of f.setCookies)
    if (looksLikeJwt(c.value))
      tokens.push({ value: c.value, location: `response.set-cookie.${c.name}`, field: c.name });
  if (f.responseHtml && f.responseHtml.length < 50_000) {
    // form_post response mode (OAuth 2.0 Form Post Response Mode §2): hidden inputs carry the response parameters.
    for (const m of f.responseHtml.matchAll(
      /<input[^>]*name=["']?(code|id_token|access_token|state)["']?[^>]*value=["']([^"']*)["']/gi,
    )) {
      if (m[1] !== 'state') tokens.push({ value: m[2]!, location: `response.body.form.${m[1]}`, field: m[1]! });
    }
  }
  return tokens;
}

/** The Cookie request header's pairs by name, first of each (RFC 6265 §4.2.1). */
function cookieMap(cookieHeader: string | undefined): Map<string, string> {
  return cookieHeader ? firstValues(parseCookieHeader(cookieHeader).filter((c) => c.name !== '')) : EMPTY;
}

/** Where the response redirects to: its Location header, or the HAR redirectURL, resolved against the request URL. */
function locationOf(response: Response, responseHeaders: Map<string, string>, url: URL | null): URL | null {
  const header =
    responseHeaders.get('location') || (typeof response.redirectURL === 'string' ? response.redirectURL : '');
  return header ? resolveUrl(header, url) : null;
}

/** Reads everything the recognizers and checks look at from one exchange; tolerant of any malformed field. */
export function exchangeFacts(exchange: Exchange): ExchangeFacts {
  const request = exchange.request ?? ({} as Request);
  const response = exchange.response ?? ({} as Response);
  const rawUrl = typeof request.url === 'string' ? request.url : '';
  const url = safeUrl(rawUrl);
  const requestHeaders = headerMap(request.headers);
  const responseHeaders = headerMap(response.headers);
  const location = locationOf(response, responseHeaders, url);
  const origin = url ? url.origin : '';
  const path = url ? url.pathname : '';
  const facts: ExchangeFacts = {
    exchange,
    id: String(exchange._id),
    seq: typeof exchange._seq === 'number' ? exchange._seq : 0,
    time: Date.parse(typeof exchange.startedDateTime === 'string' ? exchange.startedDateTime : ''),
    method: typeof request.method === 'string' ? request.method.toUpperCase() : 'GET',
    endpoint: url ? origin + path : rawUrl,
    origin,
    path,
    // Parsed from url.search rather than url.searchParams, so the URL object keeps no parameter list and can be dropped.
    query: url && url.search ? searchMap(url.search.slice(1)) : EMPTY,
    ...requestBody(request, requestHeaders),
    requestHeaders,
    status: typeof response.status === 'number' ? response.status : 0,
    responseHeaders,
    ...responseBody(response, responseHeaders),
    hasLocation: location !== null,
    url: url ? withoutHash(url) : '',
    locationUrl: location ? withoutHash(location) : '',
    locationQuery: location && location.search ? searchMap(location.search.slice(1)) : EMPTY,
    locationFragment: location && location.hash.length > 1 ? searchMap(location.hash.slice(1)) : EMPTY,
    requestFragment: url && url.hash.length > 1 ? searchMap(url.hash.slice(1)) : EMPTY,
    // Most responses set no cookie: the header map says so without a second walk over the headers.
    setCookies: responseHeaders.has('set-cookie') ? setCookiesOf(response.headers) : [],
    requestCookies: cookieMap(requestHeaders.get('cookie')),
    ...authorizationOf(requestHeaders),
    tokens: [],
  };
  facts.tokens = tokenCandidates(facts);
  return facts;
}
