// Finds the parameters of an authorization response in an exchange: redirect query or fragment, callback request, or form_post page.
import type { ExchangeFacts } from '../exchange-facts.ts';

export interface AuthorizationResponseParams {
  params: Map<string, string>;
  where: string;
}

const carries = (p: Map<string, string>) =>
  p.has('code') || p.has('error') || p.has('id_token') || (p.has('access_token') && p.has('token_type'));

function findAuthorizationResponseParams(f: ExchangeFacts): AuthorizationResponseParams | undefined {
  if (f.status >= 300 && f.status < 400) {
    if (carries(f.locationFragment)) return { params: f.locationFragment, where: 'response.location.fragment' };
    if (carries(f.locationQuery) && !f.locationQuery.has('response_type'))
      return { params: f.locationQuery, where: 'response.location.query' };
  }
  if (f.query.has('response_type') || f.form.has('grant_type') || f.query.has('grant_type')) return undefined;
  if (f.method === 'GET' && carries(f.query) && (f.query.has('state') || f.query.has('code') || f.query.has('error'))) {
    if (!f.query.has('client_id') || f.query.has('state')) return { params: f.query, where: 'request.query' };
  }
  if (
    f.method === 'POST' &&
    carries(f.form) &&
    (f.form.has('state') || f.form.has('id_token')) &&
    !f.form.has('client_id')
  ) {
    return { params: f.form, where: 'request.form' };
  }
  if (
    f.responseHtml &&
    /<form[^>]*method=["']?post/i.test(f.responseHtml) &&
    /name=["']?(code|id_token|error)["']?/i.test(f.responseHtml)
  ) {
    const params = new Map<string, string>();
    for (const m of f.responseHtml.matchAll(/<input[^>]*name=["']?([a-z_]+)["']?[^>]*value=["']([^"']*)["']/gi))
      params.set(m[1]!, m[2]!);
    if (carries(params)) return { params, where: 'response.body.form' };
  }
  return undefined;
}

/** Read once per exchange version: recognizers, flows and checks all ask, and the answer depends on the exchange alone. */
const responseParamsCache = new WeakMap<ExchangeFacts, AuthorizationResponseParams | null>();

/** Where the parameters of an authorization response sit in this exchange, if it carries one (RFC 6749 §4.1.2, §4.2.2; Form Post Response Mode). */
export function authorizationResponseParams(f: ExchangeFacts): AuthorizationResponseParams | undefined {
  let hit = responseParamsCache.get(f);
  if (hit === undefined) {
    hit = findAuthorizationResponseParams(f) ?? null;
    responseParamsCache.set(f, hit);
  }
  return hit ?? undefined;
}
