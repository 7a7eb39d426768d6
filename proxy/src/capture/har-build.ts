// Builds the HAR parts of an exchange from what the proxy saw: raw headers in order, cookies, bodies.
import type { HarContent, HarCookie, HarNameValue, HarPostData } from '@oauth-inspector/core';
import { bodyText, decodeContent, type BodyTap } from './body-tap.ts';

/** Node's rawHeaders ([name, value, name, value…]) as HAR pairs: order, case and duplicates kept. */
export function headersFromRaw(raw: readonly string[]): HarNameValue[] {
  const out: HarNameValue[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ name: raw[i]!, value: raw[i + 1]! });
  return out;
}

export function findHeader(headers: readonly HarNameValue[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === wanted)?.value;
}

/** Cookie request header (RFC 6265 §5.4) as HAR cookies. */
export function requestCookies(headers: readonly HarNameValue[]): HarCookie[] {
  const out: HarCookie[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'cookie') continue;
    for (const part of h.value.split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      out.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
    }
  }
  return out;
}

/** Set-Cookie response headers (RFC 6265 §5.2) as HAR cookies with their attributes. */
export function responseCookies(headers: readonly HarNameValue[]): HarCookie[] {
  const out: HarCookie[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'set-cookie') continue;
    const [first = '', ...attrs] = h.value.split(';');
    const eq = first.indexOf('=');
    if (eq <= 0) continue;
    const cookie: HarCookie = { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim() };
    for (const attr of attrs) {
      const [rawKey = '', ...rest] = attr.split('=');
      const key = rawKey.trim().toLowerCase();
      const value = rest.join('=').trim();
      if (key === 'path') cookie.path = value;
      else if (key === 'domain') cookie.domain = value;
      else if (key === 'expires') {
        const time = Date.parse(value);
        if (!Number.isNaN(time)) cookie.expires = new Date(time).toISOString();
      } else if (key === 'httponly') cookie.httpOnly = true;
      else if (key === 'secure') cookie.secure = true;
      else if (key === 'samesite') cookie.sameSite = value;
    }
    out.push(cookie);
  }
  return out;
}

export function queryString(url: string): HarNameValue[] {
  // Most requests have no query: skip the URL parser for them (it is a measurable share of the per-request cost).
  if (!url.includes('?')) return [];
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function mimeOf(headers: readonly HarNameValue[]): string {
  return findHeader(headers, 'content-type') ?? '';
}

/**
 * How far a compressed body may be inflated to make its record: well above the cap, so ordinary compressed bodies
 * decode (the record then keeps the first `cap` bytes), and bounded, so a compression bomb cannot fill the memory.
 */
function decodeLimit(cap: number): number {
  return Math.max(cap * 8, 16 * 1024 * 1024);
}

/** The response content: decoded for display (at most `cap` bytes of it), base64 when binary, `size` in decoded bytes. */
export function responseContent(headers: readonly HarNameValue[], tap: BodyTap): { content: HarContent; truncated: boolean } {
  const mimeType = mimeOf(headers);
  const wire = tap.bytes();
  const coding = findHeader(headers, 'content-encoding');
  const decoded = decodeContent(wire, coding, decodeLimit(tap.cap));
  if (!decoded) {
    const comment = coding ? `Kept as sent (${coding}): it could not be decoded, or it decodes to more than ${decodeLimit(tap.cap)} bytes.` : undefined;
    return { content: { size: tap.total, mimeType, text: wire.toString('base64'), encoding: 'base64', ...(comment ? { comment } : {}) }, truncated: tap.truncated };
  }
  const overCap = decoded.length > tap.cap;
  const body = bodyText(overCap ? decoded.subarray(0, tap.cap) : decoded, mimeType);
  const content: HarContent = { size: tap.truncated ? -1 : decoded.length, mimeType, ...body };
  if (!tap.truncated && decoded !== wire) content.compression = decoded.length - wire.length;
  return { content, truncated: tap.truncated || overCap };
}

/** The request body as HAR postData, or undefined when there was none. */
export function postData(headers: readonly HarNameValue[], tap: BodyTap): HarPostData | undefined {
  if (tap.total === 0) return undefined;
  const mimeType = mimeOf(headers);
  const decoded = decodeContent(tap.bytes(), findHeader(headers, 'content-encoding'), decodeLimit(tap.cap)) ?? tap.bytes();
  const body = bodyText(decoded, mimeType);
  return body.encoding ? { mimeType, text: body.text, _encoding: 'base64' } : { mimeType, text: body.text };
}
