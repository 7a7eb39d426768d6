// The checks a real implicit client makes on the ID token from the fragment: signature, iss, aud, exp, nonce, at_hash.
import { bytesBase64url } from '../base64url.ts';

export class LoginError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const decoder = new TextDecoder();

function base64urlBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

/** OIDC Core §3.2.2.9: at_hash is the base64url of the left half of the SHA-256 of the access token (for RS256). */
export async function atHashOf(accessToken: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken)));
  return bytesBase64url(digest.subarray(0, digest.length / 2));
}

interface Jwk {
  kty?: string;
  kid?: string;
  n?: string;
  e?: string;
}

/** OIDC Core §3.1.3.7 item 6 (via §3.2.2.11): the signature verifies with a key of the issuer's key set. */
async function verifySignature(token: string, jwksUri: string): Promise<Record<string, unknown>> {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) throw new LoginError('invalid_id_token', 'the ID token is not a JWS');
  const head = JSON.parse(decoder.decode(base64urlBytes(header))) as { alg?: string; kid?: string };
  if (head.alg !== 'RS256') throw new LoginError('invalid_id_token', `unexpected ID token alg ${String(head.alg)}`);
  const response = await fetch(jwksUri);
  const { keys } = (await response.json()) as { keys: Jwk[] };
  const jwk = keys.find((k) => k.kid === head.kid) ?? (keys.length === 1 ? keys[0] : undefined);
  if (!jwk?.n || !jwk.e) throw new LoginError('invalid_id_token', 'no key of the issuer matches the ID token');
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e },
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const signed = new TextEncoder().encode(`${header}.${payload}`);
  if (!(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, base64urlBytes(signature), signed)))
    throw new LoginError('invalid_id_token', 'the ID token signature does not verify');
  return JSON.parse(decoder.decode(base64urlBytes(payload))) as Record<string, unknown>;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  accessToken: string;
  jwksUri: string;
}

/** OIDC Core §3.2.2.11: validates the ID token of an implicit response and returns its claims. */
export async function checkIdToken(idToken: string, expected: IdTokenExpectations): Promise<Record<string, unknown>> {
  const claims = await verifySignature(idToken, expected.jwksUri);
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const fail = (message: string) => new LoginError('invalid_id_token', message);
  if (claims.iss !== expected.issuer) throw fail('the ID token comes from another issuer');
  if (!aud.includes(expected.clientId)) throw fail('the ID token was issued for another client');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw fail('the ID token has expired');
  // §3.2.2.11: the nonce must be the one this page sent, or the ID token was replayed into this login.
  if (claims.nonce !== expected.nonce) throw fail('the ID token nonce differs from the one sent');
  // §3.2.2.9: at_hash ties the access token in the fragment to this ID token.
  if (claims.at_hash !== (await atHashOf(expected.accessToken)))
    throw fail('at_hash does not match the access token in the fragment');
  return claims;
}
