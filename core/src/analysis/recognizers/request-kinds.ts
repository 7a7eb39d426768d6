// Tells what kind of OAuth request an exchange is: an authorization request, a token request (and its grant), an API call.
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { AnalysisContext, EndpointKind } from '../context.ts';

/** The kind of the endpoint this exchange went to, if the context knows it. */
export function kindOf(f: ExchangeFacts, ctx: AnalysisContext): EndpointKind | undefined {
  return ctx.endpoints.get(f.endpoint)?.kind;
}

/** RFC 6749 §4.1.1: response_type and client_id, in the query or (OIDC Core §3.1.2.1) a posted form. */
export function isAuthorizationRequest(f: ExchangeFacts, ctx: AnalysisContext): boolean {
  if (f.query.has('response_type') && f.query.has('client_id')) return true;
  if (f.method === 'POST' && f.form.has('response_type') && f.form.has('client_id') && !f.form.has('grant_type'))
    return true;
  return kindOf(f, ctx) === 'authorization' && f.query.has('client_id');
}

/** RFC 6749 §4.1.3: the grant_type of a posted token request. */
export function grantType(f: ExchangeFacts): string | undefined {
  return f.method === 'POST' ? f.form.get('grant_type') : undefined;
}

export function isTokenRequest(f: ExchangeFacts, ctx: AnalysisContext): boolean {
  return grantType(f) !== undefined || (f.method === 'POST' && kindOf(f, ctx) === 'token');
}

/** RFC 6750: a resource request with a bearer token (or an API's refusal of one), not a call to the authorization server. */
export function isApiCall(f: ExchangeFacts, ctx: AnalysisContext): boolean {
  if (f.method === 'OPTIONS') return false;
  const kind = kindOf(f, ctx);
  if (kind && kind !== 'jwks') return false;
  if (/\/userinfo/i.test(f.path) || isTokenRequest(f, ctx)) return false;
  if (f.bearer) return !ctx.asOrigins.has(f.origin) || !kind;
  if (f.query.has('access_token') && !f.query.has('token_type')) return true;
  return ctx.apiOrigins.has(f.origin) && (f.status === 401 || f.status === 403);
}
