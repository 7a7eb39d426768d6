// The one cookie parser: Set-Cookie response headers and the Cookie request header (RFC 6265), never throwing.
import type { HarCookie, HarNameValue } from '../har.ts';
import { headerValues } from '../exchange-read.ts';

/** One parsed Set-Cookie line. */
export interface SetCookie {
  name: string;
  /** The value as sent, double quotes included (RFC 6265 §5.2 keeps them; §4.1.1 allows them). */
  value: string;
  /**
   * The attributes a user agent acts on (RFC 6265 §5.2.1–§5.2.6, RFC 6265bis SameSite and Partitioned),
   * by lower-cased name: the value, or `true` for a flag (Secure, HttpOnly). The last one of a name wins (§5.3).
   */
  attributes: Record<string, string | true>;
  /** Every attribute as written, in order, unknown ones too: `Path=/`, `HttpOnly`, `SameSite=Lax`. */
  written: string[];
  /** The line this was parsed from. */
  raw: string;
}

/** Attribute names a user agent understands; others are ignored (RFC 6265 §5.2: "ignore the cookie-av"). */
const KNOWN_ATTRIBUTES = new Set([
  'expires',
  'max-age',
  'domain',
  'path',
  'secure',
  'httponly',
  'samesite',
  'partitioned',
]);

/** Upper bound on one header line looked at: a hostile header cannot make the parser walk megabytes. */
const MAX_LINE = 16_384;

/** Attribute text after the cookie's name-value pair (RFC 6265 §5.2 step 6): `; Path=/; HttpOnly`. */
function parseAttributes(text: string, cookie: SetCookie): void {
  for (const part of text.split(';')) {
    const av = part.trim();
    if (!av) continue;
    cookie.written.push(av);
    const eq = av.indexOf('=');
    const key = (eq < 0 ? av : av.slice(0, eq)).trim().toLowerCase();
    if (!KNOWN_ATTRIBUTES.has(key)) continue;
    cookie.attributes[key] = eq < 0 ? true : av.slice(eq + 1).trim();
  }
}

/**
 * Parses one Set-Cookie line as a user agent does (RFC 6265 §5.2): undefined when the name-value pair has no
 * "=" (step 2) or an empty name (step 5), which a user agent ignores entirely.
 */
export function parseSetCookie(line: string): SetCookie | undefined {
  if (typeof line !== 'string') return undefined;
  const raw = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  const semi = raw.indexOf(';');
  const pair = semi < 0 ? raw : raw.slice(0, semi);
  const eq = pair.indexOf('=');
  if (eq < 0) return undefined;
  const name = pair.slice(0, eq).trim();
  if (!name) return undefined;
  const cookie: SetCookie = { name, value: pair.slice(eq + 1).trim(), attributes: {}, written: [], raw };
  if (semi >= 0) parseAttributes(raw.slice(semi + 1), cookie);
  return cookie;
}

/**
 * One header value as the Set-Cookie lines it holds. HAR writers join repeated Set-Cookie headers with newlines
 * (Firefox, Charles) or commas (RFC 9110 §5.3 folding, which §5.6.1 says Set-Cookie must not use): a comma
 * starts a new cookie only when `name=` follows it, so `Expires=Wed, 21 Oct 2015 …` stays whole.
 */
export function splitSetCookieHeader(value: string): string[] {
  if (typeof value !== 'string') return [];
  const out: string[] = [];
  for (const line of value.split(/\r?\n/)) {
    let start = 0;
    for (let i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
      if (/^\s*[^\s;,=]+\s*=/.test(line.slice(i + 1, i + 200))) {
        out.push(line.slice(start, i));
        start = i + 1;
      }
    }
    out.push(line.slice(start));
  }
  return out.map((l) => l.trim()).filter(Boolean);
}

/** Every cookie the Set-Cookie headers among `headers` set, in order (RFC 6265 §5.2). */
export function setCookiesOf(headers: readonly HarNameValue[] | undefined): SetCookie[] {
  const out: SetCookie[] = [];
  for (const value of headerValues(headers, 'set-cookie')) {
    for (const line of splitSetCookieHeader(value)) {
      const cookie = parseSetCookie(line);
      if (cookie) out.push(cookie);
    }
  }
  return out;
}

/**
 * The pairs of a Cookie request header (RFC 6265 §4.2.1: `name=value; name2=value2`), in order. A pair without
 * "=" is a nameless cookie, sent as its value alone (RFC 6265bis §5.7); empty pieces are skipped.
 */
export function parseCookieHeader(value: string): HarNameValue[] {
  if (typeof value !== 'string') return [];
  const out: HarNameValue[] = [];
  for (const part of value.slice(0, MAX_LINE * 4).split(';')) {
    const piece = part.trim();
    if (!piece) continue;
    const eq = piece.indexOf('=');
    out.push(
      eq < 0 ? { name: '', value: piece } : { name: piece.slice(0, eq).trim(), value: piece.slice(eq + 1).trim() },
    );
  }
  return out;
}

/** Every cookie the Cookie headers among `headers` carry, in order (a client may send more than one). */
export function requestCookiesOf(headers: readonly HarNameValue[] | undefined): HarNameValue[] {
  return headerValues(headers, 'cookie').flatMap(parseCookieHeader);
}

/** A parsed Set-Cookie as a HAR 1.2 cookie; `Expires` becomes ISO 8601 when it is a date (RFC 6265 §5.1.1). */
export function harCookieOf(cookie: SetCookie): HarCookie {
  const out: HarCookie = { name: cookie.name, value: cookie.value };
  const a = cookie.attributes;
  if (typeof a.path === 'string') out.path = a.path;
  if (typeof a.domain === 'string') out.domain = a.domain;
  if (typeof a.expires === 'string') {
    const time = Date.parse(a.expires);
    if (!Number.isNaN(time)) out.expires = new Date(time).toISOString();
  }
  if (a.httponly !== undefined) out.httpOnly = true;
  if (a.secure !== undefined) out.secure = true;
  if (typeof a.samesite === 'string') out.sameSite = a.samesite;
  return out;
}
