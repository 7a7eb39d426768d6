// Picks out the session cookies an authorization server sets, leaving aside deletions and per-login helper cookies.
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { AnalysisContext } from '../context.ts';

const SESSION_COOKIE = /sess|sso|sid|idx|identity|keycloak_|auth_|login|remember/i;
const NOT_SESSION_COOKIE = /interaction|state|nonce|csrf|xsrf|resume|^_grant/i;
/** A signed cookie's companion (`_session.sig`, as the `cookies`/Keygrip libraries set it) is its signature, not another session. */
const SIGNATURE_COMPANION = /\.sig$/i;

/** RFC 6265 §5.2.2: Max-Age ≤ 0 (or an Expires in the past) deletes a cookie rather than setting one. */
export function isDeletion(attributes: Record<string, string | true>, at: number): boolean {
  const maxAge = attributes['max-age'];
  if (typeof maxAge === 'string' && Number(maxAge) <= 0) return true;
  const expires = attributes.expires;
  return typeof expires === 'string' && Number.isFinite(at) && Date.parse(expires) < at;
}

export function sessionCookies(f: ExchangeFacts, ctx: AnalysisContext) {
  if (!ctx.asOrigins.has(f.origin)) return [];
  return f.setCookies.filter(
    (c) =>
      SESSION_COOKIE.test(c.name) &&
      !NOT_SESSION_COOKIE.test(c.name) &&
      !SIGNATURE_COMPANION.test(c.name) &&
      !isDeletion(c.attributes, f.time) &&
      c.value !== '',
  );
}
