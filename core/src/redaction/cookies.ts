// Cookie values in Cookie and Set-Cookie headers, rewritten; names and attributes stay. Parsing is core/src/http/cookies.ts.
import { parseCookieHeader, parseSetCookie, splitSetCookieHeader } from '../http/cookies.ts';
import type { Rewrite } from './rewrite.ts';

/** A cookie value through `rewrite`; double quotes around it (RFC 6265 §4.1.1) stay around it. */
function rewriteValue(raw: string, rewrite: Rewrite): string {
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  const inner = quoted ? raw.slice(1, -1) : raw;
  const out = rewrite(inner, 'cookie');
  if (out === inner) return raw;
  return quoted ? `"${out}"` : out;
}

/**
 * The one place redaction reads cookies: every `name=value` of a Cookie header (RFC 6265 §4.2.1) or the
 * name-value pair of each Set-Cookie line (§4.1.1), each value passed through `rewrite`. A header whose
 * values need no change comes back exactly as it was.
 */
export function rewriteCookieHeader(header: 'cookie' | 'set-cookie', value: string, rewrite: Rewrite): string {
  let changed = false;
  const pieces =
    header === 'cookie'
      ? parseCookieHeader(value).map((pair) => {
          const out = rewriteValue(pair.value, rewrite);
          if (out !== pair.value) changed = true;
          return pair.name ? `${pair.name}=${out}` : out;
        })
      : splitSetCookieHeader(value).map((line) => {
          const cookie = parseSetCookie(line);
          if (!cookie) return line;
          const out = rewriteValue(cookie.value, rewrite);
          if (out === cookie.value) return line;
          changed = true;
          return [`${cookie.name}=${out}`, ...cookie.written].join('; ');
        });
  if (!changed) return value;
  return pieces.join(header === 'cookie' ? '; ' : '\n');
}
