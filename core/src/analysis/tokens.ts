// Every token in the traffic: JWTs decoded, classified, claims explained, signatures checked against captured JWKS; opaque tokens linked by value.
import type { DecodedClaim, SignatureStatus, TokenInfo, TokenKind } from './types.ts';
import type { ExchangeFacts } from './exchange-facts.ts';
import type { AnalysisContext, CapturedKey } from './context.ts';
import { isDecodedJwt, looksLikeJwt, type DecodedJwt } from './jwt-decode.ts';
import { isRedactedPlaceholder } from '../redaction/placeholders.ts';
import { claimMeaning, TIME_CLAIMS } from './claim-meanings.ts';
import type { CryptoCache } from './crypto-cache.ts';
import { assign, pushTo, setIn, type UndoJournal } from './undo-journal.ts';

export interface TokenRecord {
  info: TokenInfo;
  jwt?: DecodedJwt;
  /** Why a value that looks like a JWT could not be read as one. */
  problem?: string;
  first: ExchangeFacts;
}

const FIELD_KIND: Record<string, TokenKind> = {
  id_token: 'id-token',
  id_token_hint: 'id-token',
  access_token: 'access-token',
  bearer: 'access-token',
  refresh_token: 'refresh-token',
  logout_token: 'logout-token',
  client_assertion: 'client-assertion',
  assertion: 'client-assertion',
  code: 'authorization-code',
};

function kindFromClaims(jwt: DecodedJwt | undefined): TokenKind {
  if (!jwt) return 'unknown';
  const typ = String(jwt.header.typ ?? '').toLowerCase();
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return 'access-token';
  if (typ === 'logout+jwt') return 'logout-token';
  const c = jwt.payload ?? {};
  const events = c.events;
  if (events && typeof events === 'object' && 'http://schemas.openid.net/event/backchannel-logout' in events)
    return 'logout-token';
  if ('nonce' in c || 'at_hash' in c || 'c_hash' in c) return 'id-token';
  if ('scope' in c || 'scp' in c || 'client_id' in c) return 'access-token';
  return 'unknown';
}

/** Each claim with its meaning and, for time claims, its date relative to `at` (milliseconds; RFC 7519 §4.1). */
export function explainClaims(payload: Record<string, unknown>, at: number): DecodedClaim[] {
  return Object.entries(payload).map(([name, value]) => {
    const claim: DecodedClaim = { name, value };
    const meaning = claimMeaning(name);
    if (meaning) claim.meaning = meaning;
    if (TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e11) {
      const iso = new Date(value * 1000).toISOString();
      if (Number.isFinite(at)) claim.time = { iso, relativeSeconds: Math.round(value - at / 1000) };
      else claim.meaning = `${meaning ?? name} (${iso}; capture time unknown)`;
    }
    return claim;
  });
}

function keyMatchesAlg(jwk: Record<string, unknown>, alg: string): boolean {
  if (typeof jwk.alg === 'string' && jwk.alg !== alg) return false;
  if (jwk.use === 'enc') return false;
  const kty = jwk.kty;
  if (/^(RS|PS)/.test(alg)) return kty === 'RSA';
  if (/^ES/.test(alg)) return kty === 'EC';
  if (alg === 'EdDSA' || alg === 'Ed25519') return kty === 'OKP';
  return false;
}

/** The signature of a JWS against the captured keys (RFC 7515 §5.2): the kid's key, else every key fitting alg. */
export async function checkSignature(
  jwt: DecodedJwt,
  keys: CapturedKey[],
  crypto: CryptoCache,
): Promise<NonNullable<TokenInfo['signature']>> {
  const alg = String(jwt.header.alg);
  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
  const withKid = kid !== undefined ? { kid } : {};
  if (alg.toLowerCase() === 'none')
    return {
      status: 'not-signed',
      detail: 'The token says alg "none": it carries no signature, so anyone could have written it.',
      ...withKid,
    };
  if (isRedactedPlaceholder(jwt.signature))
    return {
      status: 'redacted',
      detail: `The signature was redacted in this file (it reads "${jwt.signature}"), so it cannot be checked: this says nothing about whether the original verified.`,
      ...withKid,
    };
  if (/^HS/.test(alg))
    return {
      status: 'unverifiable',
      detail: `${alg} is signed with a shared secret, which is never in the traffic, so it cannot be checked here.`,
      ...withKid,
    };
  const candidates = keys.filter((k) => (kid !== undefined ? k.kid === kid : true) && keyMatchesAlg(k.jwk, alg));
  if (candidates.length === 0) {
    const detail =
      keys.length === 0
        ? 'No JSON Web Key Set was captured, so the signature cannot be checked.'
        : kid !== undefined
          ? `No captured key set has a key with kid "${kid}", so the signature cannot be checked.`
          : `No captured key fits alg ${alg}, so the signature cannot be checked.`;
    return { status: 'unverifiable', detail, ...withKid };
  }
  for (const k of candidates) {
    if (await crypto.verify(jwt.raw, k.jwk, alg)) {
      return {
        status: 'verified',
        detail: `Verified with key ${kid ? `kid "${kid}" ` : ''}from the key set in exchange ${k.exchangeLabel}.`,
        jwksExchangeId: k.exchangeId,
        ...withKid,
      };
    }
  }
  const k = candidates[0]!;
  return {
    status: 'invalid',
    detail: `The signature does not match key ${kid ? `kid "${kid}" ` : ''}from the key set in exchange ${k.exchangeLabel}: the token was altered or signed by someone else.`,
    jwksExchangeId: k.exchangeId,
    ...withKid,
  };
}

interface CollectedToken extends TokenRecord {
  /** The kind the first sighting in a telling field gave (`id_token` → id-token, …). */
  fieldKind?: TokenKind;
}

/** Kind from the fields a token was seen in first, then from its claims (a deterministic function of its sightings). */
function classify(rec: CollectedToken): TokenKind {
  let kind: TokenKind = rec.fieldKind ?? (rec.jwt ? kindFromClaims(rec.jwt) : 'unknown');
  if (
    kind === 'access-token' &&
    rec.jwt &&
    kindFromClaims(rec.jwt) === 'id-token' &&
    rec.info.sightings.some((s) => s.location.endsWith('.id_token'))
  )
    kind = 'id-token';
  return kind;
}

/** Token collection as a left fold over exchanges in capture order; verification is awaited per new token and cached. */
export class TokenCollector {
  readonly tokens: CollectedToken[] = [];
  readonly byValue = new Map<string, CollectedToken>();

  /**
   * Adds the sightings in one exchange; returns the tokens it touched. With `copy`, touched TokenInfo objects are
   * replaced rather than mutated, so earlier results handed out stay as they were. With a journal, the changes to
   * records that existed before are recorded so they can be rolled back.
   */
  add(f: ExchangeFacts, crypto: CryptoCache, copy: boolean, journal?: UndoJournal): Set<CollectedToken> {
    const touched = new Set<CollectedToken>();
    for (const t of f.tokens) {
      let rec = this.byValue.get(t.value);
      if (!rec) {
        const isJwt =
          looksLikeJwt(t.value) ||
          (FIELD_KIND[t.field] !== undefined &&
            t.field !== 'code' &&
            t.value.startsWith('eyJ') &&
            t.value.includes('.'));
        const info: TokenInfo = {
          id: `t${this.tokens.length + 1}`,
          kind: 'unknown',
          value: t.value,
          format: isJwt ? 'jwt' : 'opaque',
          sightings: [],
        };
        rec = { info, first: f };
        if (isJwt) {
          const d = crypto.decode(t.value);
          if (isDecodedJwt(d)) {
            rec.jwt = d;
            info.header = d.header;
            if (d.payload) info.claims = explainClaims(d.payload, f.time);
            if (d.problem) rec.problem = d.problem;
          } else {
            rec.problem = d.problem;
          }
        }
        setIn(journal, this.byValue, t.value, rec);
        pushTo(journal, this.tokens, rec);
      } else if (copy && !touched.has(rec)) {
        assign(journal, rec, 'info', { ...rec.info, sightings: [...rec.info.sightings] });
      }
      touched.add(rec);
      rec.info.sightings.push({ exchangeId: f.id, location: t.location });
      const fieldKind = FIELD_KIND[t.field];
      if (rec.fieldKind === undefined && fieldKind) assign(journal, rec, 'fieldKind', fieldKind);
    }
    for (const rec of touched) rec.info.kind = classify(rec);
    return touched;
  }

  async verify(records: Iterable<CollectedToken>, keys: CapturedKey[], crypto: CryptoCache): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const rec of records) {
      if (rec.jwt && !rec.info.signature)
        pending.push(checkSignature(rec.jwt, keys, crypto).then((sig) => void (rec.info.signature = sig)));
    }
    await Promise.all(pending);
  }
}

export async function collectTokens(
  ctx: AnalysisContext,
  crypto: CryptoCache,
): Promise<{ tokens: TokenRecord[]; byValue: Map<string, TokenRecord> }> {
  const c = new TokenCollector();
  for (const f of ctx.facts) c.add(f, crypto, false);
  await c.verify(c.tokens, ctx.keys, crypto);
  return { tokens: c.tokens, byValue: c.byValue };
}

export type { SignatureStatus };
