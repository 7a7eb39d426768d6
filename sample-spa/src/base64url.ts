// base64url (RFC 4648 §5) for the sample pages: random state and nonce values, and hashes such as at_hash.

export function bytesBase64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** `length` random bytes as base64url: an unguessable state or nonce (RFC 6749 §10.12, OIDC Core §15.5.2). */
export function randomBase64url(length: number): string {
  return bytesBase64url(crypto.getRandomValues(new Uint8Array(length)));
}
