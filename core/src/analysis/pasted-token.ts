// A JWT pasted from elsewhere: found in the pasted text, decoded with core's reader and checked against the key sets the session captured.
import type { Exchange } from '../har.ts';
import type { DecodedClaim, TokenInfo } from './types.ts';
import type { CapturedKey } from './context.ts';
import { isJwks, keysOf } from './context.ts';
import { exchangeFacts } from './exchange-facts.ts';
import { decodeJwt, isDecodedJwt } from './jwt-decode.ts';
import { checkSignature, explainClaims } from './tokens.ts';
import { CryptoCache } from './crypto-cache.ts';

/** A captured key with the URL it was downloaded from. */
export interface KeySetKey extends CapturedKey {
  url: string;
}

export type PastedToken =
  | { ok: false; problem: string }
  | {
      ok: true;
      /** Where in the pasted text the token was: `the whole text`, `the Bearer credentials`, `parameter id_token`. */
      source: string;
      value: string;
      header: Record<string, unknown>;
      claims: DecodedClaim[];
      signature: NonNullable<TokenInfo['signature']>;
    };

/** Every key of every key set document (RFC 7517 §5) in the exchanges, in capture order. */
export function capturedKeySets(exchanges: readonly Exchange[]): KeySetKey[] {
  return exchanges
    .filter((e) => e.response.content.text?.includes('"keys"'))
    .map(exchangeFacts)
    .filter(isJwks)
    .flatMap((f) => keysOf(f).map((k) => ({ ...k, url: f.exchange.request.url })));
}

/** A JOSE compact serialization in text: three parts (JWS) or five (JWE, RFC 7516 §7.1), maybe after `name=`. */
const JOSE_IN_TEXT = /(?:([A-Za-z_]+)=)?(eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4})/;
const NOT_A_JWT =
  'No JWT found: a JWT is three base64url parts separated by dots, starting with "eyJ" (RFC 7519 §3, RFC 7515 §7.1).';

/** The token in pasted text: a bare JWT, an `Authorization: Bearer …` line, or a URL or fragment with `id_token=…`. */
export function findPastedJwt(text: string): { value: string; source: string } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'Paste a JWT, an Authorization: Bearer line or a URL that carries one.' };
  const m = JOSE_IN_TEXT.exec(trimmed);
  if (!m) return { problem: NOT_A_JWT };
  // A sentence's full stop after a token is not a fourth part.
  const value = m[2]!.split('.').length === 4 && m[2]!.endsWith('.') ? m[2]!.slice(0, -1) : m[2]!;
  const source =
    value === trimmed
      ? 'the whole text'
      : m[1]
        ? `parameter ${m[1]}`
        : /bearer\s+$/i.test(trimmed.slice(0, m.index))
          ? 'the Bearer credentials'
          : 'the text';
  return { value, source };
}

/**
 * Decodes a pasted JWT and checks its signature with the captured keys; `now` (epoch ms) anchors its time claims.
 * Nothing is added to the session: the result is only for showing.
 */
export async function inspectPastedToken(
  text: string,
  keys: readonly CapturedKey[],
  now: number,
): Promise<PastedToken> {
  const found = findPastedJwt(text);
  if ('problem' in found) return { ok: false, problem: found.problem };
  const decoded = decodeJwt(found.value);
  if (!isDecodedJwt(decoded)) return { ok: false, problem: decoded.problem };
  if (!decoded.payload) return { ok: false, problem: decoded.problem ?? 'The JWT carries no claims.' };
  const signature = await checkSignature(decoded, [...keys], new CryptoCache());
  return {
    ok: true,
    source: found.source,
    value: found.value,
    header: decoded.header,
    claims: explainClaims(decoded.payload, now),
    signature,
  };
}
