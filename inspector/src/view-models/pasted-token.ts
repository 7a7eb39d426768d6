// View-model of the "decode a token from elsewhere" box: a pasted JWT's header and claims, and one sentence on its signature.
import type { KeySetKey, PastedToken } from '@oauth-inspector/core';
import { claimView, headerViews, type ClaimView } from './tokens.ts';

export interface PastedTokenView {
  /** One sentence when the text holds no readable JWT. */
  problem?: string;
  source?: string;
  header: ClaimView[];
  claims: ClaimView[];
  /** `verified`, `invalid`, `unverifiable`, `not-signed`: picks the badge colour. */
  status?: string;
  /** `signature verified with key k1 from https://…/jwks`, `no captured key set has this key (kid "x")`, … */
  verdict?: string;
}

function keyUrl(keys: readonly KeySetKey[], exchangeId: string | undefined): string {
  return keys.find((k) => k.exchangeId === exchangeId)?.url ?? 'a captured key set';
}

/** The sentence the box says about the signature, naming the key and the key set's URL. */
function verdict(signature: Extract<PastedToken, { ok: true }>['signature'], keys: readonly KeySetKey[]): string {
  const kid = signature.kid !== undefined ? `${signature.kid} ` : '';
  switch (signature.status) {
    case 'verified':
      return `signature verified with key ${kid}from ${keyUrl(keys, signature.jwksExchangeId)}`;
    case 'invalid':
      return `signature does not match key ${kid}from ${keyUrl(keys, signature.jwksExchangeId)}`;
    case 'unverifiable':
      // Only the unknown-kid sentence becomes the short form; "no captured key fits alg …" is said as core says it.
      return keys.length > 0 &&
        signature.kid !== undefined &&
        /No captured key set has a key with kid/.test(signature.detail)
        ? `no captured key set has this key (kid "${signature.kid}")`
        : signature.detail;
    default:
      return signature.detail;
  }
}

export function pastedTokenView(result: PastedToken, keys: readonly KeySetKey[]): PastedTokenView {
  if (!result.ok) return { problem: result.problem, header: [], claims: [] };
  return {
    source: result.source,
    header: headerViews(result.header),
    claims: result.claims.map((c) => claimView(c, 'now')),
    status: result.signature.status,
    verdict: verdict(result.signature, keys),
  };
}
