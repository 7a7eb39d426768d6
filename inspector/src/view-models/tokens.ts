// View-model of the JWT viewer: header/claims/signature parts, explained claims with dates, and where each token was seen.
import type { Analysis, DecodedClaim, Exchange, TokenInfo } from '@oauth-inspector/core';

/** What each registered claim means (RFC 7519 §4.1, OIDC Core §2, RFC 9068 §2.2, RFC 8693 §4). */
export const CLAIM_MEANINGS: Record<string, string> = {
  iss: 'issuer: who made and signed the token',
  sub: 'subject: the user (or client) the token is about',
  aud: 'audience: who the token is meant for',
  exp: 'expires at: reject the token after this time',
  nbf: 'not before: reject the token before this time',
  iat: 'issued at: when the token was made',
  jti: 'token id: a unique id, to detect replays',
  scope: 'scope: what the token lets its bearer do',
  client_id: 'client id: the application the token was issued to',
  nonce: 'nonce: the value the client sent in the authorization request, echoed to bind the ID token to it',
  at_hash: 'access token hash: left half of SHA-256 of the access token, base64url (ties the ID token to it)',
  c_hash: 'code hash: left half of SHA-256 of the authorization code, base64url',
  auth_time: 'authentication time: when the user last signed in',
  azp: 'authorized party: the client the ID token was issued to',
  sid: 'session id: the sign-in session at the authorization server',
  acr: 'authentication context class: how strongly the user signed in',
  amr: 'authentication methods used',
  email: 'the user’s email address',
  name: 'the user’s full name',
};

const TIME_CLAIMS = new Set(['exp', 'nbf', 'iat', 'auth_time']);

export interface ClaimView {
  name: string;
  value: string;
  meaning: string;
  time?: string;
}

export interface SightingView {
  exchangeId: string;
  location: string;
  label: string;
}

export interface TokenView {
  id: string;
  kind: string;
  format: 'jwt' | 'opaque';
  /** The three compact parts as text, for the coloured raw view. */
  parts: string[];
  header: ClaimView[];
  claims: ClaimView[];
  signature: { status: string; detail: string; jwksExchangeId?: string };
  sightings: SightingView[];
}

function base64UrlDecode(part: string): string {
  const padded = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(padded);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Decodes a compact JWS without verifying it; undefined when it is not one. */
export function decodeJwt(value: string): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const parts = value.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(base64UrlDecode(parts[0] ?? '')) as unknown;
    const payload = JSON.parse(base64UrlDecode(parts[1] ?? '')) as unknown;
    if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null) return undefined;
    return { header: header as Record<string, unknown>, payload: payload as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

export function formatRelative(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  const unit = abs >= 86400 ? [86400, 'd'] : abs >= 3600 ? [3600, 'h'] : abs >= 60 ? [60, 'min'] : [1, 's'];
  const amount = Math.round(abs / (unit[0] as number));
  if (amount === 0) return 'at capture time';
  return seconds >= 0 ? `${amount} ${unit[1]} after capture` : `${amount} ${unit[1]} before capture`;
}

/** JOSE header parameters (RFC 7515 §4.1, RFC 9068 §2.1) in a few words. */
const HEADER_MEANINGS: Record<string, string> = {
  alg: 'signature algorithm: how the signature below was made (RS256 = RSA with SHA-256)',
  kid: 'key id: which key of the JWKS verifies the signature',
  typ: 'type of token (at+jwt marks an access token, RFC 9068)',
  cty: 'content type of the payload',
  jku: 'URL of a key set: never to be trusted blindly',
  x5t: 'thumbprint of the certificate whose key signed the token',
  'x5t#S256': 'SHA-256 thumbprint of the certificate whose key signed the token',
  crit: 'extensions the receiver must understand',
};

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function timeOf(name: string, value: unknown, captureMs: number | undefined): string | undefined {
  if (!TIME_CLAIMS.has(name) || typeof value !== 'number') return undefined;
  const iso = new Date(value * 1000).toISOString();
  return captureMs === undefined ? iso : `${iso} (${formatRelative(value - captureMs / 1000)})`;
}

function claimView(claim: DecodedClaim, captureMs: number | undefined): ClaimView {
  const time = claim.time ? `${claim.time.iso} (${formatRelative(claim.time.relativeSeconds)})` : timeOf(claim.name, claim.value, captureMs);
  return { name: claim.name, value: show(claim.value), meaning: claim.meaning ?? CLAIM_MEANINGS[claim.name] ?? '', ...(time ? { time } : {}) };
}

export function tokenView(token: TokenInfo, exchanges: ReadonlyMap<string, Exchange>): TokenView {
  const first = token.sightings[0];
  const captured = first ? exchanges.get(first.exchangeId)?.startedDateTime : undefined;
  const captureMs = captured ? Date.parse(captured) : undefined;
  const header = Object.entries(token.header ?? {}).map(([name, value]) => ({ name, value: show(value), meaning: HEADER_MEANINGS[name] ?? '' }));
  return {
    id: token.id,
    kind: token.kind,
    format: token.format,
    parts: token.format === 'jwt' ? token.value.split('.') : [token.value],
    header,
    claims: (token.claims ?? []).map((claim) => claimView(claim, captureMs)),
    signature: token.signature
      ? { status: token.signature.status, detail: token.signature.detail, ...(token.signature.jwksExchangeId ? { jwksExchangeId: token.signature.jwksExchangeId } : {}) }
      : { status: 'not-checked', detail: 'The signature was not checked.' },
    sightings: token.sightings.map((s) => {
      const exchange = exchanges.get(s.exchangeId);
      return { exchangeId: s.exchangeId, location: s.location, label: exchange ? `#${exchange._seq + 1} ${exchange.request.method} ${exchange.request.url}` : s.exchangeId };
    }),
  };
}

const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

/**
 * Tokens from the analysis; when the analyzer is absent (or found none), JWTs spotted in the traffic and decoded here
 * (signature not checked), so the viewer still works on any capture.
 */
export function tokensOf(analysis: Analysis, exchanges: readonly Exchange[]): TokenInfo[] {
  if (analysis.tokens.length > 0) return analysis.tokens;
  const found = new Map<string, TokenInfo>();
  for (const exchange of exchanges.slice(0, 5000)) {
    const places: [string, string][] = [
      ['request.url', exchange.request.url],
      ...exchange.request.headers.map((h): [string, string] => [`request.header.${h.name.toLowerCase()}`, h.value]),
      ['request.body', exchange.request.postData?.text ?? ''],
      ['response.body', exchange.response.content.text ?? ''],
    ];
    for (const [location, text] of places) {
      for (const match of text.matchAll(JWT_PATTERN)) {
        const value = match[0];
        const decoded = decodeJwt(value);
        if (!decoded) continue;
        let token = found.get(value);
        if (!token) {
          const captureS = Date.parse(exchange.startedDateTime) / 1000;
          token = {
            id: `t${found.size + 1}`,
            kind: 'nonce' in decoded.payload || 'at_hash' in decoded.payload ? 'id-token' : 'unknown',
            value,
            format: 'jwt',
            header: decoded.header,
            claims: Object.entries(decoded.payload).map(([name, claimValue]) => ({
              name,
              value: claimValue,
              ...(TIME_CLAIMS.has(name) && typeof claimValue === 'number' && Number.isFinite(captureS)
                ? { time: { iso: new Date(claimValue * 1000).toISOString(), relativeSeconds: claimValue - captureS } }
                : {}),
            })),
            signature: { status: 'not-checked', detail: 'Decoded in the inspector; the signature was not checked.' },
            sightings: [],
          };
          found.set(value, token);
        }
        token.sightings.push({ exchangeId: exchange._id, location });
      }
    }
  }
  return [...found.values()];
}

/** Which tokens an exchange carries (token ids), for "open in the JWT viewer" links in the detail view. */
export function tokensInExchange(tokens: readonly TokenInfo[], exchangeId: string): TokenInfo[] {
  return tokens.filter((token) => token.sightings.some((s) => s.exchangeId === exchangeId));
}
