// The cross-exchange knowledge recognizers and checks share: captured metadata documents, key sets, endpoints and origins.
import { exchangeLabel } from '../exchange-number.ts';
import type { ExchangeFacts } from './exchange-facts.ts';
import { buildLinks, type LinkIndex } from './links.ts';

export type EndpointKind =
  | 'authorization'
  | 'token'
  | 'userinfo'
  | 'introspection'
  | 'revocation'
  | 'end-session'
  | 'jwks'
  | 'device-authorization'
  | 'par';

export interface CapturedMetadata {
  exchangeId: string;
  issuer: string | undefined;
  doc: Record<string, unknown>;
}

export interface CapturedKey {
  exchangeId: string;
  /** `#N` of the exchange that carried the key set, for messages (exchange-number.ts). */
  exchangeLabel: string;
  jwk: Record<string, unknown>;
  kid: string | undefined;
}

export interface AnalysisContext {
  facts: ExchangeFacts[];
  byId: Map<string, ExchangeFacts>;
  metadata: CapturedMetadata[];
  endpoints: Map<string, { kind: EndpointKind; metadata: CapturedMetadata }>;
  /** Origins that behave as an authorization server (metadata endpoints, authorization requests). */
  asOrigins: Set<string>;
  keys: CapturedKey[];
  /** Origins that received bearer tokens outside the authorization server's endpoints (resource servers). */
  apiOrigins: Set<string>;
  /** Failed downloads of key sets, in capture order (an API answering 401 right after one is suspicious). */
  keyFailures: ExchangeFacts[];
  /** Back-channel calls and the API calls whose time span holds them (see links.ts). */
  links: LinkIndex;
}

/** A key set download that failed: no response, or an error status, at the jwks_uri or a key-looking path. */
export function isKeyFailure(f: ExchangeFacts, endpoints: AnalysisContext['endpoints']): boolean {
  // A pending download (status 0 while the response is on its way) has not failed yet.
  if (f.exchange._state === 'pending') return false;
  return (
    (f.exchange._state === 'failed' || f.status >= 400 || f.status === 0) &&
    (endpoints.get(f.endpoint)?.kind === 'jwks' || /jwks|certs/i.test(f.path) || /\/keys\/?$/i.test(f.path))
  );
}

const METADATA_PATH = /\/\.well-known\/(openid-configuration|oauth-authorization-server)(\/|$)/;

/** OpenID Connect Discovery 1.0 §3 / RFC 8414 §2: a JSON document naming the issuer and its endpoints. */
export function isMetadataDocument(f: ExchangeFacts): boolean {
  const doc = f.responseJson;
  if (!doc || f.status < 200 || f.status >= 300) return false;
  if (
    typeof doc.issuer === 'string' &&
    (typeof doc.authorization_endpoint === 'string' || typeof doc.token_endpoint === 'string')
  )
    return true;
  return METADATA_PATH.test(f.path) && typeof doc.issuer === 'string';
}

/** RFC 7517 §5: a JSON object with a `keys` array of JWKs. */
export function isJwks(f: ExchangeFacts): boolean {
  const keys = f.responseJson?.keys;
  return (
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every(
      (k) =>
        typeof k === 'object' &&
        k !== null &&
        (typeof (k as { kty?: unknown }).kty === 'string' || ('n' in k && 'e' in k)),
    )
  );
}

/** Some servers omit `kty` on RSA keys (n and e alone); read those as RSA rather than drop them. */
function normalizeJwk(k: Record<string, unknown>): Record<string, unknown> {
  return typeof k.kty === 'string' ? k : typeof k.n === 'string' && typeof k.e === 'string' ? { ...k, kty: 'RSA' } : k;
}

/** The keys of a key set document (call only when isJwks(f)), each tagged with the exchange that carried it. */
export function keysOf(f: ExchangeFacts): CapturedKey[] {
  return (f.responseJson!.keys as Record<string, unknown>[]).map((raw) => {
    const k = normalizeJwk(raw);
    return {
      exchangeId: f.id,
      exchangeLabel: exchangeLabel(f.exchange),
      jwk: k,
      kid: typeof k.kid === 'string' ? k.kid : undefined,
    };
  });
}

const ENDPOINT_FIELDS: [string, EndpointKind][] = [
  ['authorization_endpoint', 'authorization'],
  ['token_endpoint', 'token'],
  ['userinfo_endpoint', 'userinfo'],
  ['introspection_endpoint', 'introspection'],
  ['revocation_endpoint', 'revocation'],
  ['end_session_endpoint', 'end-session'],
  ['jwks_uri', 'jwks'],
  ['device_authorization_endpoint', 'device-authorization'],
  ['pushed_authorization_request_endpoint', 'par'],
];

function originOf(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Strips query and fragment so endpoints compare as origin + path. */
export function endpointOf(value: string): string | undefined {
  try {
    const u = new URL(value);
    return u.origin + u.pathname;
  } catch {
    return undefined;
  }
}

export function buildContext(
  facts: ExchangeFacts[],
  isMeta: (f: ExchangeFacts) => boolean,
  isKeys: (f: ExchangeFacts) => boolean,
): AnalysisContext {
  const byId = new Map<string, ExchangeFacts>();
  const metadata: CapturedMetadata[] = [];
  const endpoints = new Map<string, { kind: EndpointKind; metadata: CapturedMetadata }>();
  const asOrigins = new Set<string>();
  const keys: CapturedKey[] = [];
  for (const f of facts) {
    byId.set(f.id, f);
    if (isMeta(f)) {
      const doc = f.responseJson!;
      const m: CapturedMetadata = {
        exchangeId: f.id,
        issuer: typeof doc.issuer === 'string' ? doc.issuer : undefined,
        doc,
      };
      metadata.push(m);
      for (const [field, kind] of ENDPOINT_FIELDS) {
        const value = doc[field];
        const ep = typeof value === 'string' ? endpointOf(value) : undefined;
        if (ep) endpoints.set(ep, { kind, metadata: m });
        if (ep && kind === 'authorization') {
          const origin = originOf(value as string);
          if (origin) asOrigins.add(origin);
        }
      }
      if (m.issuer) {
        try {
          asOrigins.add(new URL(m.issuer).origin);
        } catch {
          /* an issuer that is not a URL is reported by the checks */
        }
      }
    }
    if (isKeys(f)) {
      keys.push(...keysOf(f));
    }
    if (f.query.has('response_type') && f.query.has('client_id') && f.origin) asOrigins.add(f.origin);
  }
  const apiOrigins = new Set<string>();
  for (const f of facts) {
    if (f.bearer && f.origin && !endpoints.has(f.endpoint) && !/\/userinfo/i.test(f.path)) apiOrigins.add(f.origin);
  }
  const keyFailures = facts.filter((f) => isKeyFailure(f, endpoints));
  const ctx: AnalysisContext = {
    facts,
    byId,
    metadata,
    endpoints,
    asOrigins,
    keys,
    apiOrigins,
    keyFailures,
    links: { backChannel: [], servedBy: new Map() },
  };
  ctx.links = buildLinks(ctx);
  return ctx;
}

/** The metadata document whose endpoints include this exchange's URL, else the only one captured. */
export function metadataFor(ctx: AnalysisContext, f: ExchangeFacts): CapturedMetadata | undefined {
  const hit = ctx.endpoints.get(f.endpoint);
  if (hit) return hit.metadata;
  const sameOrigin = ctx.metadata.filter((m) => m.issuer && m.issuer.startsWith(f.origin));
  if (sameOrigin.length > 0) return sameOrigin[sameOrigin.length - 1];
  return ctx.metadata.length === 1 ? ctx.metadata[0] : undefined;
}
