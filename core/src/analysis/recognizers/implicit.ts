// Recognizes the implicit flow by protocol meaning: a request without `code` asking for tokens, the tokens in the fragment, their use.
import { exchangeLabel } from '../../exchange-number.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { AnalysisContext } from '../context.ts';
import type { FlowRecord } from '../flows.ts';
import type { RecognizerId } from '../ids.ts';
import { authorizationResponseParams } from './authorization-response-params.ts';
import { isApiCall, isAuthorizationRequest } from './request-kinds.ts';

/** RFC 6749 §4.2.1, OIDC Core §3.2.2.1: a response_type of `token` and/or `id_token`, without `code` (that is hybrid). */
export function implicitResponseType(f: ExchangeFacts, ctx: AnalysisContext): string | undefined {
  if (!isAuthorizationRequest(f, ctx)) return undefined;
  const p = f.query.has('client_id') ? f.query : f.form;
  const rt = (p.get('response_type') ?? '').split(' ').filter(Boolean);
  return !rt.includes('code') && (rt.includes('token') || rt.includes('id_token')) ? rt.join(' ') : undefined;
}

/** RFC 6749 §4.2.2: an access token handed out in the redirect itself (fragment, or query when misconfigured), with no code. */
export function implicitTokenResponse(f: ExchangeFacts): Map<string, string> | undefined {
  const r = authorizationResponseParams(f);
  if (!r || !r.where.startsWith('response.location') || r.params.has('code') || r.params.has('error')) return undefined;
  return r.params.has('access_token') ? r.params : undefined;
}

/** RFC 6749 §4.2.2.1: an implicit error comes back in the fragment (the code flow's errors travel in the query). */
export function implicitErrorResponse(f: ExchangeFacts): string | undefined {
  const r = authorizationResponseParams(f);
  return r?.where === 'response.location.fragment' && r.params.has('error') ? r.params.get('error') : undefined;
}

interface TokenScan {
  upTo: number;
  tokens: Map<string, ExchangeFacts>;
}

/** Access tokens delivered by implicit redirects, per context; extended as a live session appends exchanges. */
const scans = new WeakMap<AnalysisContext, TokenScan>();

/** The redirect that delivered this access token in its URL, if one was captured (and is still the current version). */
export function implicitTokenSource(ctx: AnalysisContext, token: string): ExchangeFacts | undefined {
  let scan = scans.get(ctx);
  if (!scan || scan.upTo > ctx.facts.length) {
    scan = { upTo: 0, tokens: new Map() };
    scans.set(ctx, scan);
  }
  for (; scan.upTo < ctx.facts.length; scan.upTo++) {
    const g = ctx.facts[scan.upTo]!;
    const value = implicitTokenResponse(g)?.get('access_token');
    if (value) scan.tokens.set(value, g);
  }
  const hit = scan.tokens.get(token);
  return hit && ctx.byId.get(hit.id) === hit ? hit : undefined;
}

/** RFC 6750 §2.1: an API call whose bearer token came out of an implicit redirect (the SPA kept it and sends it). */
export function implicitTokenApiCall(f: ExchangeFacts, ctx: AnalysisContext): string | undefined {
  if (!f.bearer || !isApiCall(f, ctx)) return undefined;
  const source = implicitTokenSource(ctx, f.bearer);
  return source ? `API called with the access token from the fragment of ${exchangeLabel(source.exchange)}` : undefined;
}

/**
 * RFC 6750 §3.1: a call to the API without any credentials, answered 401 with a Bearer challenge; and the CORS preflight
 * of such a call (it asks for no Authorization header).
 */
export function apiCallWithoutToken(f: ExchangeFacts, ctx: AnalysisContext): string | undefined {
  if (ctx.asOrigins.has(f.origin) || f.requestHeaders.has('authorization') || f.query.has('access_token'))
    return undefined;
  if (f.method === 'OPTIONS') {
    const asked = f.requestHeaders.get('access-control-request-headers');
    return ctx.apiOrigins.has(f.origin) &&
      f.requestHeaders.has('access-control-request-method') &&
      !/(^|[\s,])authorization([\s,]|$)/i.test(asked ?? '')
      ? 'preflight of an API call that sends no token'
      : undefined;
  }
  const challenge = f.responseHeaders.get('www-authenticate') ?? '';
  return f.status === 401 && /^bearer\b/i.test(challenge)
    ? 'API called without a token: 401 with a Bearer challenge'
    : undefined;
}

/**
 * Labels from whole flows: the exchanges of an implicit flow between its authorization request and its first
 * response are that login's own (login page, credentials, session cookie).
 */
export function implicitLoginLabels(
  flows: readonly FlowRecord[],
): { exchangeId: string; recognizer: RecognizerId; summary: string }[] {
  const labels: { exchangeId: string; recognizer: RecognizerId; summary: string }[] = [];
  for (const rec of flows) {
    if (rec.info.kind !== 'implicit' || !rec.authzRequest || !rec.loginSeen) continue;
    const ids = rec.info.exchangeIds;
    const first = rec.responses[0]?.f.id;
    const end = first !== undefined && ids.includes(first) ? ids.indexOf(first) : ids.length;
    for (const id of ids.slice(ids.indexOf(rec.authzRequest.id) + 1, end))
      labels.push({ exchangeId: id, recognizer: 'implicit-login', summary: 'sign-in during an implicit flow' });
  }
  return labels;
}
