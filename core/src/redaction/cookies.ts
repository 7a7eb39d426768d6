// Cookie values in Cookie and Set-Cookie headers, rewritten in place; names and attributes stay.
import type { Rewrite } from './rewrite.ts';

/**
 * The one place redaction reads cookies: every `name=value` of a Cookie header (RFC 6265 §4.2.1) or the first pair
 * of a Set-Cookie header (§4.1.1), each value passed through `rewrite`. Quotes around a value stay around it.
 */
export function rewriteCookieHeader(header: 'cookie' | 'set-cookie', value: string, rewrite: Rewrite): string {
  const pairs = value.split(';');
  const count = header === 'cookie' ? pairs.length : 1;
  for (let i = 0; i < count; i++) {
    const pair = pairs[i]!;
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const raw = pair.slice(eq + 1).trim();
    const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
    const inner = quoted ? raw.slice(1, -1) : raw;
    const out = rewrite(inner, 'cookie');
    if (out !== inner) pairs[i] = `${pair.slice(0, eq + 1)}${quoted ? `"${out}"` : out}`;
  }
  return pairs.join(';');
}
