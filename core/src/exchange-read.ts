// Read-only accessors for exchanges, the one home of header lookup and query/form parsing: headers by name, query and form parameters, bodies as text or JSON.
import type { HarContent, HarNameValue, HarPostData, HarRequest, HarResponse } from './har.ts';

type HeaderSource = Pick<HarRequest | HarResponse, 'headers'> | readonly HarNameValue[] | undefined;

function headerList(source: HeaderSource): readonly HarNameValue[] {
  const list = Array.isArray(source) ? source : (source as { headers?: unknown } | undefined)?.headers;
  return Array.isArray(list) ? (list as HarNameValue[]) : [];
}

function isHeader(h: unknown): h is HarNameValue {
  return typeof h === 'object' && h !== null && typeof (h as HarNameValue).name === 'string';
}

function headerText(h: HarNameValue): string {
  return typeof h.value === 'string' ? h.value : String(h.value ?? '');
}

/** First value of a header in a message or a header list, case-insensitive (RFC 9110 §5.1), or undefined. */
export function headerValue(source: HeaderSource, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const found = headerList(source).find((h) => isHeader(h) && h.name.toLowerCase() === wanted);
  return found ? headerText(found) : undefined;
}

/** Every value of a header, in order (Set-Cookie repeats). */
export function headerValues(source: HeaderSource, name: string): string[] {
  const wanted = name.toLowerCase();
  return headerList(source)
    .filter((h) => isHeader(h) && h.name.toLowerCase() === wanted)
    .map(headerText);
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

/** Headers by lower-cased name (RFC 9110 §5.1), first value of each, for many lookups on one message. */
export function headerMap(source: HeaderSource): Map<string, string> {
  const map = new Map<string, string>();
  for (const h of headerList(source)) {
    if (!isHeader(h)) continue;
    const key = lowerName(h.name);
    if (!map.has(key)) map.set(key, headerText(h));
  }
  return map;
}

/** The first value of each name in a list of pairs. */
export function firstValues(pairs: Iterable<HarNameValue | [string, string]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of pairs) {
    const [name, value] = Array.isArray(p) ? p : [p.name, p.value];
    if (!map.has(name)) map.set(name, value);
  }
  return map;
}

/** Parses a URL without throwing; null when it is not absolute. */
export function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The one query and form parser: `a=1&b=2` as name/value pairs in order, duplicates kept, `+` as space and
 * percent-decoded (WHATWG URL §5.1, the application/x-www-form-urlencoded parser; RFC 6749 §3.1 and App. B).
 */
export function parseQuery(text: string): HarNameValue[] {
  if (!text || typeof text !== 'string') return [];
  return [...new URLSearchParams(text)].map(([name, value]) => ({ name, value }));
}

/** Query parameters of a URL, in order with duplicates; [] when it is not absolute. */
export function queryParams(url: string): HarNameValue[] {
  // Most requests have no query: skip the URL parser for them (a measurable share of the per-request cost).
  if (typeof url !== 'string' || !url.includes('?')) return [];
  const parsed = safeUrl(url);
  return parsed && parsed.search ? parseQuery(parsed.search.slice(1)) : [];
}

/** Parameters in a URL fragment written as a query (`#code=…&state=…`), as the implicit flow returns them. */
export function fragmentParams(url: string): HarNameValue[] {
  const parsed = safeUrl(url);
  if (!parsed || parsed.hash.length < 2) return [];
  return parseQuery(parsed.hash.slice(1));
}

/** The first value of `name` in a list of name/value pairs. */
export function paramValue(params: readonly HarNameValue[], name: string): string | undefined {
  return params.find((p) => p.name === name)?.value;
}

function decodeBase64(text: string): string {
  try {
    const binary = atob(text);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return '';
  }
}

/** A response body as text (base64 decoded as UTF-8), or '' when there is none. */
export function contentText(content: HarContent | undefined): string {
  if (!content || typeof content.text !== 'string') return '';
  return content.encoding === 'base64' ? decodeBase64(content.text) : content.text;
}

/** A request body as text, or '' when there is none. */
export function postDataText(postData: HarPostData | undefined): string {
  if (!postData) return '';
  if (typeof postData.text === 'string') {
    return postData._encoding === 'base64' ? decodeBase64(postData.text) : postData.text;
  }
  return '';
}

/** Form fields of an `application/x-www-form-urlencoded` request body (HAR `params`, else the text), in order. */
export function formParams(request: Pick<HarRequest, 'postData' | 'headers'>): HarNameValue[] {
  const postData = request.postData && typeof request.postData === 'object' ? request.postData : undefined;
  if (!postData) return [];
  if (Array.isArray(postData.params) && postData.params.length > 0 && !postData.text) {
    return postData.params.filter(isHeader).map((p) => ({ name: p.name, value: String(p.value ?? '') }));
  }
  const mime = String(postData.mimeType || headerValue(request, 'content-type') || '').toLowerCase();
  if (!mime.includes('application/x-www-form-urlencoded')) return [];
  return parseQuery(postDataText(postData));
}

/** Parses JSON without throwing: undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

/** A JSON object body (response), or undefined when the body is not a JSON object. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  const value = parseJson(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * What an exchange relayed to a host the user exempted from certificate checks (`--insecure-upstream`) says of itself:
 * the proxy did not verify who answered. Undefined for every other exchange.
 */
export function insecureUpstreamNote(exchange: { _insecureUpstream?: true }): string | undefined {
  return exchange._insecureUpstream
    ? "upstream TLS not verified (--insecure-upstream): the proxy did not check the server's certificate"
    : undefined;
}
