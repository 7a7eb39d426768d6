// Cached crypto through jose and WebCrypto: key import, JWS verification (keyed by token + key) and digests.
import { compactVerify, importJWK } from 'jose';
import { bytesToBase64Url, decodeJwt, type DecodedJwt, type JwtDecodeFailure } from './jwt-decode.ts';

type ImportedKey = Awaited<ReturnType<typeof importJWK>>;

const UTF8 = new TextEncoder();

/** Caches live as long as one analyzer, so incremental updates never redo per-token work. */
export class CryptoCache {
  private keys = new Map<string, Promise<ImportedKey | null>>();
  private verified = new Map<string, Promise<boolean>>();
  private digests = new Map<string, Promise<Uint8Array>>();
  private decoded = new Map<string, DecodedJwt | JwtDecodeFailure>();
  private jwkText = new WeakMap<object, string>();

  private keyText(jwk: Record<string, unknown>): string {
    let text = this.jwkText.get(jwk);
    if (text === undefined) {
      text = JSON.stringify(jwk);
      this.jwkText.set(jwk, text);
    }
    return text;
  }

  decode(token: string): DecodedJwt | JwtDecodeFailure {
    let d = this.decoded.get(token);
    if (!d) {
      d = decodeJwt(token);
      this.decoded.set(token, d);
    }
    return d;
  }

  private importKey(jwk: Record<string, unknown>, alg: string): Promise<ImportedKey | null> {
    const cacheKey = `${alg}\u0000${this.keyText(jwk)}`;
    let p = this.keys.get(cacheKey);
    if (!p) {
      const { use: _use, key_ops: _ops, ...publicPart } = jwk;
      p = importJWK(publicPart as Parameters<typeof importJWK>[0], alg).catch(() => null);
      this.keys.set(cacheKey, p);
    }
    return p;
  }

  /** True when the compact JWS verifies with this JWK (RFC 7515 §5.2); false for a wrong signature or an unusable key. */
  verify(token: string, jwk: Record<string, unknown>, alg: string): Promise<boolean> {
    const cacheKey = `${token}\u0000${alg}\u0000${this.keyText(jwk)}`;
    let p = this.verified.get(cacheKey);
    if (!p) {
      p = this.importKey(jwk, alg).then(async (key) => {
        if (!key) return false;
        try {
          await compactVerify(token, key, { algorithms: [alg] });
          return true;
        } catch {
          return false;
        }
      });
      this.verified.set(cacheKey, p);
    }
    return p;
  }

  digest(algorithm: 'SHA-256' | 'SHA-384' | 'SHA-512', text: string): Promise<Uint8Array> {
    const cacheKey = `${algorithm}\u0000${text}`;
    let p = this.digests.get(cacheKey);
    if (!p) {
      p = crypto.subtle.digest(algorithm, UTF8.encode(text)).then((b) => new Uint8Array(b));
      this.digests.set(cacheKey, p);
    }
    return p;
  }

  /** Starts a digest without waiting for it, so many can run at once; a later digest() of the same text gets the cached result. */
  warm(algorithm: 'SHA-256' | 'SHA-384' | 'SHA-512' | undefined, text: string): void {
    if (algorithm) this.digest(algorithm, text).catch(() => undefined);
  }

  /** RFC 7636 §4.2: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
  async pkceS256(verifier: string): Promise<string> {
    return bytesToBase64Url(await this.digest('SHA-256', verifier));
  }

  /** OIDC Core §3.1.3.6 / §3.3.2.11: base64url of the left half of the hash the JWS alg names. */
  async leftHalfHash(alg: string, value: string): Promise<string | undefined> {
    const algorithm = hashForAlg(alg);
    if (!algorithm) return undefined;
    const bytes = await this.digest(algorithm, value);
    return bytesToBase64Url(bytes.slice(0, bytes.length / 2));
  }
}

/** The hash an at_hash / c_hash uses: the one in the JWS alg (RS256 → SHA-256), SHA-512 for EdDSA (Ed25519). */
export function hashForAlg(alg: string): 'SHA-256' | 'SHA-384' | 'SHA-512' | undefined {
  if (/256$/.test(alg)) return 'SHA-256';
  if (/384$/.test(alg)) return 'SHA-384';
  if (/512$/.test(alg) || alg === 'EdDSA' || alg === 'Ed25519') return 'SHA-512';
  return undefined;
}
