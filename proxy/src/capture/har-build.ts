// Builds the HAR parts of an exchange from what the proxy saw: raw headers in order, cookies, bodies.
import {
  harCookieOf,
  headerValue,
  setCookiesOf,
  type HarContent,
  type HarCookie,
  type HarNameValue,
  type HarPostData,
} from '@oauth-inspector/core';
import { bodyText, decodeContent, type BodyTap } from './body-tap.ts';

/** Node's rawHeaders ([name, value, name, value…]) as HAR pairs: order, case and duplicates kept. */
export function headersFromRaw(raw: readonly string[]): HarNameValue[] {
  const out: HarNameValue[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ name: raw[i]!, value: raw[i + 1]! });
  return out;
}

/** Set-Cookie response headers (RFC 6265 §5.2) as HAR cookies with their attributes, by core's one cookie parser. */
export function responseCookies(headers: readonly HarNameValue[]): HarCookie[] {
  return setCookiesOf(headers).map(harCookieOf);
}

function mimeOf(headers: readonly HarNameValue[]): string {
  return headerValue(headers, 'content-type') ?? '';
}

/**
 * How far a compressed body may be inflated to make its record: well above the cap, so ordinary compressed bodies
 * decode (the record then keeps the first `cap` bytes), and bounded, so a compression bomb cannot fill the memory.
 */
function decodeLimit(cap: number): number {
  return Math.max(cap * 8, 16 * 1024 * 1024);
}

/** The response content: decoded for display (at most `cap` bytes of it), base64 when binary, `size` in decoded bytes. */
export function responseContent(
  headers: readonly HarNameValue[],
  tap: BodyTap,
): { content: HarContent; truncated: boolean } {
  const mimeType = mimeOf(headers);
  const wire = tap.bytes();
  const coding = headerValue(headers, 'content-encoding');
  const decoded = decodeContent(wire, coding, decodeLimit(tap.cap));
  if (!decoded) {
    const comment = coding
      ? `Kept as sent (${coding}): it could not be decoded, or it decodes to more than ${decodeLimit(tap.cap)} bytes.`
      : undefined;
    return {
      content: {
        size: tap.total,
        mimeType,
        text: wire.toString('base64'),
        encoding: 'base64',
        ...(comment ? { comment } : {}),
      },
      truncated: tap.truncated,
    };
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
  const decoded =
    decodeContent(tap.bytes(), headerValue(headers, 'content-encoding'), decodeLimit(tap.cap)) ?? tap.bytes();
  const body = bodyText(decoded, mimeType);
  return body.encoding ? { mimeType, text: body.text, _encoding: 'base64' } : { mimeType, text: body.text };
}
