// The units token checks visit: token requests with their flow, and POSTs with a grant type.
import type { CheckEnv } from '../check-env.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { FlowRecord } from '../flows.ts';
import type { Evidence } from '../types.ts';
import { shared } from './units.ts';

export interface TokenRequest {
  rec: FlowRecord;
  f: ExchangeFacts;
  grant: string | undefined;
  /** The browser origin that sent it, if any. */
  origin: string | undefined;
  /** The server issued an access token. */
  ok: boolean;
  /** Evidence for one form field of the request. */
  ev(name: string): Evidence;
}

function issued(f: ExchangeFacts): boolean {
  return f.status >= 200 && f.status < 300 && typeof f.responseJson?.access_token === 'string';
}

/** The dirty token requests, flow by flow. */
export function tokenRequests(env: CheckEnv): ReadonlyArray<TokenRequest> {
  return shared(env, tokenRequests, () => collectTokenRequests(env));
}

function* collectTokenRequests(env: CheckEnv): Generator<TokenRequest> {
  for (const rec of env.units.flows) {
    for (const f of rec.tokenRequests) {
      if (!env.dirty(f.id)) continue;
      const ev = (name: string): Evidence => ({
        exchangeId: f.id,
        label: `${name} (token request)`,
        value: f.form.get(name),
        location: `request.form.${name}`,
      });
      yield { rec, f, grant: f.form.get('grant_type'), origin: f.requestHeaders.get('origin'), ok: issued(f), ev };
    }
  }
}

/** The dirty token requests the server answered with an access token, and that answer's JSON. */
export function issuedTokens(env: CheckEnv): ReadonlyArray<TokenRequest & { body: Record<string, unknown> }> {
  return shared(env, issuedTokens, () => collectIssuedTokens(env));
}

function* collectIssuedTokens(env: CheckEnv): Generator<TokenRequest & { body: Record<string, unknown> }> {
  for (const t of tokenRequests(env)) if (t.ok) yield { ...t, body: t.f.responseJson! };
}

/** The dirty POSTs with this grant_type, in capture order, and whether the server issued an access token. */
export function* grants(env: CheckEnv, grant: string): Generator<{ f: ExchangeFacts; ok: boolean }> {
  for (const f of env.units.facts) {
    if (env.dirty(f.id) && f.method === 'POST' && f.form.get('grant_type') === grant) yield { f, ok: issued(f) };
  }
}
