// JWS compact serializations (RFC 7515 §7.1): told apart by shape, so that only the signature is removed.

/** Header segment starts with `eyJ` (base64url of `{"`); the signature is what makes a token usable. */
const JWS = /^(eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;
const JWS_IN_TEXT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.([A-Za-z0-9_-]{8,})/g;

/** A JWS split into its signing input (header.payload, kept readable) and its signature, or undefined. */
export function splitJws(value: string): { signingInput: string; signature: string } | undefined {
  const m = JWS.exec(value);
  return m ? { signingInput: m[1]!, signature: m[2]! } : undefined;
}

/** Signatures of every JWS written anywhere in free text (HTML, scripts, error messages). */
export function jwsSignaturesIn(text: string): string[] {
  return [...text.matchAll(JWS_IN_TEXT)].map((m) => m[1]!);
}
