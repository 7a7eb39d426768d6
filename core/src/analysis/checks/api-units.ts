// The units resource-server checks visit: requests to APIs and UserInfo, and API calls with a known bearer token.
import type { CheckEnv } from '../check-env.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { TokenRecord } from '../tokens.ts';
import type { Evidence } from '../types.ts';
import { shared } from './units.ts';

/** The dirty requests to an API or to UserInfo. */
export function resourceRequests(env: CheckEnv): ReadonlyArray<ExchangeFacts> {
  return shared(env, resourceRequests, () => collectResourceRequests(env));
}

function* collectResourceRequests(env: CheckEnv): Generator<ExchangeFacts> {
  for (const f of env.units.facts) {
    const l = env.labels.get(f.id);
    if (env.dirty(f.id) && l && (l.has('api-call') || l.has('userinfo'))) yield f;
  }
}

/** The WWW-Authenticate challenge of a response, as evidence. */
export function challengeEvidence(f: ExchangeFacts, challenge: string | undefined): Evidence[] {
  return [
    {
      exchangeId: f.id,
      label: 'WWW-Authenticate',
      value: challenge ?? '(none)',
      location: 'response.header.www-authenticate',
    },
  ];
}

/** An audience names an API origin when it is that origin or a URL under it; other audiences (urn:…, names) are not judged. */
export function sameOriginAudience(audience: string, origin: string): boolean {
  if (!/^https?:\/\//i.test(audience)) return true;
  try {
    return new URL(audience).origin === origin;
  } catch {
    return true;
  }
}

/** Where a request carries its access token (RFC 6750 §2.1 header, §2.2 form body, §2.3 query), with the evidence. */
export function tokenPlacement(f: ExchangeFacts): { where: 'header' | 'form' | 'query'; ev: Evidence } | undefined {
  if (f.bearer)
    return {
      where: 'header',
      ev: {
        exchangeId: f.id,
        label: 'Authorization',
        value: `${f.authScheme} …`,
        location: 'request.header.authorization',
      },
    };
  if (f.query.has('access_token'))
    return {
      where: 'query',
      ev: {
        exchangeId: f.id,
        label: 'access_token (query)',
        value: f.query.get('access_token'),
        location: 'request.query.access_token',
      },
    };
  if (f.form.has('access_token'))
    return {
      where: 'form',
      ev: { exchangeId: f.id, label: 'access_token (form)', location: 'request.form.access_token' },
    };
  return undefined;
}

export const BEARER_CHALLENGE = /^\s*(bearer|dpop)\b/i;

export interface BearerCall {
  f: ExchangeFacts;
  rec: TokenRecord;
  tEv: Evidence;
  /** The token is an ID token (by kind, or by its nonce claim), never one typed at+jwt (RFC 9068 §2.1). */
  idToken: boolean;
}

/**
 * An ID token: issued as one, or carrying a nonce. A JWT typed `at+jwt` is an access token whatever its claims: RFC 9068
 * §2.1 tells the two apart by `typ`, not by an `aud` that names the client.
 */
function isIdToken(rec: TokenRecord): boolean {
  const typ = String(rec.jwt?.header.typ ?? '').toLowerCase();
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return false;
  return rec.info.kind === 'id-token' || Boolean(rec.jwt?.payload && 'nonce' in rec.jwt.payload);
}

/** The dirty API calls whose bearer token the analysis knows. */
export function bearerCalls(env: CheckEnv): ReadonlyArray<BearerCall> {
  return shared(env, bearerCalls, () => collectBearerCalls(env));
}

function* collectBearerCalls(env: CheckEnv): Generator<BearerCall> {
  for (const f of env.units.facts) {
    if (!env.dirty(f.id) || !f.bearer || !env.labels.get(f.id)?.has('api-call')) continue;
    const rec = env.tokenByValue.get(f.bearer);
    if (!rec) continue;
    const tEv = {
      exchangeId: f.id,
      label: `bearer token ${rec.info.id}`,
      location: 'request.header.authorization',
      tokenId: rec.info.id,
    };
    yield {
      f,
      rec,
      tEv,
      idToken: isIdToken(rec),
    };
  }
}

/** The API calls carrying a decoded JWT access token (not an ID token). */
export function jwtAccessTokenCalls(
  env: CheckEnv,
): ReadonlyArray<BearerCall & { header: Record<string, unknown>; claims: Record<string, unknown> }> {
  return shared(env, jwtAccessTokenCalls, () => collectJwtAccessTokenCalls(env));
}

function* collectJwtAccessTokenCalls(
  env: CheckEnv,
): Generator<BearerCall & { header: Record<string, unknown>; claims: Record<string, unknown> }> {
  for (const call of bearerCalls(env)) {
    const jwt = call.rec.jwt;
    if (!call.idToken && jwt?.payload) yield { ...call, header: jwt.header, claims: jwt.payload };
  }
}
