// The units authorization checks visit: judged authorization requests, their responses, and login pages.
import type { CheckEnv } from '../check-env.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { FlowRecord } from '../flows.ts';
import type { Evidence } from '../types.ts';
import { shared } from './units.ts';

export interface AuthorizationRequest {
  rec: FlowRecord;
  f: ExchangeFacts;
  /** The request's parameters (query or form). */
  p: Map<string, string>;
  /** Evidence for one parameter of the request. */
  at(name: string): Evidence;
  /** response_type, split. */
  responseType: string[];
}

/**
 * The dirty authorization requests that became transactions: a request the server refused with an error page never
 * did, and its parameters are not judged.
 */
export function authorizationRequests(env: CheckEnv): ReadonlyArray<AuthorizationRequest> {
  return shared(env, authorizationRequests, () => collectAuthorizationRequests(env));
}

function* collectAuthorizationRequests(env: CheckEnv): Generator<AuthorizationRequest> {
  for (const rec of env.units.flows) {
    const f = rec.authzRequest;
    const p = rec.request;
    if (!f || !p || env.labels.get(f.id)?.has('authorization-error-page') || !env.dirty(f.id)) continue;
    const at = (name: string): Evidence => ({
      exchangeId: f.id,
      label: `${name} (authorization request)`,
      value: p.get(name),
      location: `request.query.${name}`,
    });
    yield { rec, f, p, at, responseType: (p.get('response_type') ?? '').split(' ').filter(Boolean) };
  }
}

export interface AuthorizationResponse {
  rec: FlowRecord;
  r: FlowRecord['responses'][number];
  f: ExchangeFacts;
  /** Evidence for one parameter of the response. */
  ev(name: string): Evidence;
}

/** The dirty authorization responses, with the flow they answer. */
export function authorizationResponses(env: CheckEnv): ReadonlyArray<AuthorizationResponse> {
  return shared(env, authorizationResponses, () => collectAuthorizationResponses(env));
}

function* collectAuthorizationResponses(env: CheckEnv): Generator<AuthorizationResponse> {
  for (const rec of env.units.flows) {
    for (const r of rec.responses) {
      const f = r.f;
      if (!env.dirty(f.id)) continue;
      yield {
        rec,
        r,
        f,
        ev: (name) => ({
          exchangeId: f.id,
          label: `${name} (authorization response)`,
          value: r.params.get(name),
          location: `${r.where}.${name}`,
        }),
      };
    }
  }
}

/**
 * The same authorization response seen a second time: the authorization server's redirect and the browser's request to
 * the redirect URI carry the same parameters, and a flow's response is judged once, at the first.
 */
export function isRepeatedResponse(rec: FlowRecord, r: FlowRecord['responses'][number]): boolean {
  const key = (x: FlowRecord['responses'][number]) =>
    `${x.params.get('state')}\u0000${x.params.get('code')}\u0000${x.params.get('error')}`;
  const i = rec.responses.indexOf(r);
  return rec.responses.slice(0, i).some((earlier) => key(earlier) === key(r));
}
