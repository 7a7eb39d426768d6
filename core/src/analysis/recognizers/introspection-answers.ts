// Reads what an RFC 7662 introspection exchange answered: refused (the caller's credentials), active, or not active.
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { AnalysisContext } from '../context.ts';
import { kindOf } from './request-kinds.ts';

/** RFC 7662 §2.1: a POST of `token` to the introspection endpoint (by metadata, or by its conventional path). */
export function isIntrospection(f: ExchangeFacts, ctx: AnalysisContext): boolean {
  return (
    f.method === 'POST' && (kindOf(f, ctx) === 'introspection' || (/introspect/i.test(f.path) && f.form.has('token')))
  );
}

/** RFC 7662 §2.3: the endpoint refused the caller itself (401/403, e.g. `invalid_client`), saying nothing about the token. */
export function introspectionRefused(f: ExchangeFacts, ctx: AnalysisContext): string | undefined {
  if (!isIntrospection(f, ctx) || (f.status !== 401 && f.status !== 403)) return undefined;
  const error = typeof f.responseJson?.error === 'string' ? ` (${f.responseJson.error})` : '';
  return `introspection refused the caller with ${f.status}${error}`;
}

/** RFC 7662 §2.2: `active: true`, with the token's details (sub, scope, client_id, exp …) the API goes on to use. */
export function introspectionActive(f: ExchangeFacts, ctx: AnalysisContext): string | undefined {
  if (!isIntrospection(f, ctx) || f.status !== 200 || f.responseJson?.active !== true) return undefined;
  const sub = typeof f.responseJson.sub === 'string' ? ` for sub ${f.responseJson.sub}` : '';
  return `token active${sub}`;
}

/** RFC 7662 §2.2: `active: false`: expired, revoked or unknown — the server says no more than that. */
export function introspectionInactive(f: ExchangeFacts, ctx: AnalysisContext): string | undefined {
  return isIntrospection(f, ctx) && f.status === 200 && f.responseJson?.active === false
    ? 'token not active (expired, revoked or unknown)'
    : undefined;
}
