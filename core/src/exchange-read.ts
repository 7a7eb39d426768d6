// Read-only accessors for exchanges: headers by name, query and form parameters, bodies as text or JSON.
import type { HarContent, HarNameValue, HarPostData, HarRequest, HarResponse } from './har.ts';

/** First value of a header, case-insensitive (RFC 9110 §5.1), or undefined. */
export function headerValue(message: HarRequest | HarResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return message.headers.find((h) => h.name.toLowerCase() === wanted)?.value;
}

/** Every value of a header, in order (Set-Cookie repeats). */
export function headerValues(message: HarRequest | HarResponse, name: string): string[] {
  const wanted = name.toLowerCase();
  return message.headers.filter((h) => h.name.toLowerCase() === wanted).map((h) => h.value);
}

/** Parses a URL without throwing; null when it is not absolute. */
export function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Query parameters of a URL, in order with duplicates. */
export function queryParams(url: string): HarNameValue[] {
  const parsed = safeUrl(url);
  if (!parsed) return [];
  return [...parsed.searchParams].map(([name, value]) => ({ name, value }));
}

/** Parameters in a URL fragment written as a query (`#code=…&state=…`), as the implicit flow returns them. */
export function fragmentParams(url: string): HarNameValue[] {
  const parsed = safeUrl(url);
  if (!parsed || parsed.hash.length < 2) return [];
  return [...new URLSearchParams(parsed.hash.slice(1))].map(([name, value]) => ({ name, value }));
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

/** Form fields of an `application/x-www-form-urlencoded` request body, in order. */
export function formParams(request: HarRequest): HarNameValue[] {
  const postData = request.postData;
  if (!postData) return [];
  if (postData.params && postData.params.length > 0 && !postData.text) {
    return postData.params.map((p) => ({ name: p.name, value: p.value ?? '' }));
  }
  const mime = (postData.mimeType || headerValue(request, 'content-type') || '').toLowerCase();
  if (!mime.includes('application/x-www-form-urlencoded')) return [];
  return [...new URLSearchParams(postDataText(postData))].map(([name, value]) => ({ name, value }));
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
