// The units JWT checks visit: tokens in JWT format, those that decode, and ID tokens with where they were issued.
import type { CheckEnv } from '../check-env.ts';
import type { Evidence } from '../types.ts';
import type { TokenRecord } from '../tokens.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { FlowRecord } from '../flows.ts';
import { shared } from './units.ts';

export interface JwtUnit {
  rec: TokenRecord;
  /** The first sighting: findings about the token itself are anchored there. */
  first: TokenRecord['info']['sightings'][number];
  ev: Evidence;
}

/**
 * The tokens in JWT format with a dirty sighting (findings of a token are anchored at its sightings). What a token is
 * does not depend on who received it: a broken token fails its checks wherever it appears, and how a receiver
 * handled it is judged apart (api.invalid-token-refused).
 */
export function jwtTokens(env: CheckEnv): ReadonlyArray<JwtUnit> {
  return shared(env, jwtTokens, () => collectJwtTokens(env));
}

function* collectJwtTokens(env: CheckEnv): Generator<JwtUnit> {
  for (const rec of env.units.tokens) {
    if (rec.info.format !== 'jwt' || !rec.info.sightings.some((s) => env.dirty(s.exchangeId))) continue;
    const first = rec.info.sightings[0]!;
    const ev: Evidence = {
      exchangeId: first.exchangeId,
      label: `${rec.info.kind} ${rec.info.id}`,
      value: rec.info.value.length > 80 ? `${rec.info.value.slice(0, 80)}…` : rec.info.value,
      location: first.location,
      tokenId: rec.info.id,
    };
    yield { rec, first, ev };
  }
}

/** Those that decode: a JSON header and claims. */
export function decodedJwts(
  env: CheckEnv,
): ReadonlyArray<JwtUnit & { header: Record<string, unknown>; claims: Record<string, unknown>; alg: string }> {
  return shared(env, decodedJwts, () => collectDecodedJwts(env));
}

function* collectDecodedJwts(
  env: CheckEnv,
): Generator<JwtUnit & { header: Record<string, unknown>; claims: Record<string, unknown>; alg: string }> {
  for (const unit of jwtTokens(env)) {
    const jwt = unit.rec.jwt;
    if (jwt?.payload) yield { ...unit, header: jwt.header, claims: jwt.payload, alg: String(jwt.header.alg) };
  }
}

export interface IdTokenIssuance {
  rec: TokenRecord;
  claims: Record<string, unknown>;
  alg: string;
  /** The token response or authorization response that issued it, and the flow. */
  f: ExchangeFacts;
  flow: FlowRecord | undefined;
  response: FlowRecord['responses'][number] | undefined;
  /** The access token (at_hash) and code (c_hash) issued alongside it. */
  accessToken: string | undefined;
  code: string | undefined;
  /** Evidence for one claim of the ID token. */
  claim(name: string): Evidence;
}

/** Where an ID token was issued and the values issued alongside it; undefined when it was only ever presented. */
export function issuance(
  env: CheckEnv,
  rec: TokenRecord,
): (Omit<IdTokenIssuance, 'claims' | 'alg' | 'claim'> & { location: string }) | undefined {
  const issued = rec.info.sightings.find((s) => s.location.startsWith('response.')) ?? rec.info.sightings[0]!;
  if (!issued.location.startsWith('response.')) return undefined;
  const f = env.ctx.byId.get(issued.exchangeId)!;
  const flow = env.flows.flowOf.get(f.id);
  const response = flow?.responses.find((r) => r.f.id === f.id);
  const accessToken =
    typeof f.responseJson?.access_token === 'string'
      ? f.responseJson.access_token
      : response?.params.get('access_token');
  return { rec, f, flow, response, accessToken, code: response?.params.get('code'), location: issued.location };
}

/** The decoded ID tokens with a dirty sighting that were issued in a captured response. */
export function idTokenIssuances(env: CheckEnv): ReadonlyArray<IdTokenIssuance> {
  return shared(env, idTokenIssuances, () => collectIdTokenIssuances(env));
}

function* collectIdTokenIssuances(env: CheckEnv): Generator<IdTokenIssuance> {
  for (const { rec, claims, alg } of decodedJwts(env)) {
    if (rec.info.kind !== 'id-token') continue;
    const issue = issuance(env, rec);
    if (!issue) continue;
    const claim = (name: string): Evidence => ({
      exchangeId: issue.f.id,
      label: `${name} (ID token)`,
      value: claims[name] === undefined ? undefined : String(claims[name]),
      location: `${issue.location}.${name}`,
    });
    yield { ...issue, claims, alg, claim };
  }
}
