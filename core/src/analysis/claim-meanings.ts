// The one table of what JWT claims and JOSE header parameters mean, each meaning with the spec section that defines it.

export interface Meaning {
  /** What it is, in a phrase. */
  text: string;
  /** Where it is defined, e.g. `RFC 7519 §4.1.1`. */
  spec: string;
}

/** Registered and common JWT claims (RFC 7519 §4.1, OIDC Core §2 and §5.1, RFC 9068 §2.2, RFC 8693 §4). */
// prettier-ignore
export const CLAIM_MEANINGS: Readonly<Record<string, Meaning>> = {
  iss: { text: 'issuer: who made and signed the token', spec: 'RFC 7519 §4.1.1' },
  sub: { text: 'subject: the user (or client) the token is about, a stable identifier at the issuer', spec: 'RFC 7519 §4.1.2' },
  aud: { text: 'audience: who the token is meant for', spec: 'RFC 7519 §4.1.3' },
  exp: { text: 'expiry: reject the token after this time', spec: 'RFC 7519 §4.1.4' },
  nbf: { text: 'not before: reject the token before this time', spec: 'RFC 7519 §4.1.5' },
  iat: { text: 'issued at: when the token was made', spec: 'RFC 7519 §4.1.6' },
  jti: { text: 'token id: a unique id, to detect replays', spec: 'RFC 7519 §4.1.7' },
  auth_time: { text: 'authentication time: when the user last actively signed in', spec: 'OIDC Core §2' },
  nonce: { text: 'nonce: the value the client sent in the authorization request, echoed to bind the ID token to it', spec: 'OIDC Core §2' },
  acr: { text: 'authentication context class: how strongly the user signed in', spec: 'OIDC Core §2' },
  amr: { text: 'authentication methods used (password, otp, …)', spec: 'OIDC Core §2, RFC 8176' },
  azp: { text: 'authorized party: the client the ID token was issued to', spec: 'OIDC Core §2' },
  at_hash: { text: 'access token hash: left half of the hash (SHA-256 for RS256) of the access token, base64url; ties the ID token to it', spec: 'OIDC Core §3.2.2.10' },
  c_hash: { text: 'code hash: left half of the hash of the authorization code, base64url', spec: 'OIDC Core §3.3.2.11' },
  s_hash: { text: 'state hash: left half of the hash of the state value, base64url', spec: 'FAPI 1.0 Advanced §5.1' },
  sid: { text: 'session id: the sign-in session at the authorization server', spec: 'OIDC Front-Channel Logout §3' },
  events: { text: 'security events (a logout token carries the back-channel logout event)', spec: 'OIDC Back-Channel Logout §2.4' },
  client_id: { text: 'client id: the application the token was issued to', spec: 'RFC 9068 §2.2' },
  scope: { text: 'scope: what the token lets its bearer do', spec: 'RFC 9068 §2.2.3' },
  scp: { text: 'scopes granted to this token (a provider-specific spelling of scope)', spec: 'RFC 9068 §2.2.3' },
  roles: { text: 'roles assigned to the user', spec: 'RFC 9068 §2.2.3.1' },
  groups: { text: 'groups the user belongs to', spec: 'RFC 9068 §2.2.3.1' },
  act: { text: 'actor: who acts on behalf of the subject (token exchange)', spec: 'RFC 8693 §4.1' },
  cnf: { text: 'confirmation: the key the token is bound to (DPoP, mTLS)', spec: 'RFC 7800 §3.1' },
  name: { text: 'the user’s full name', spec: 'OIDC Core §5.1' },
  given_name: { text: 'the user’s first name', spec: 'OIDC Core §5.1' },
  family_name: { text: 'the user’s last name', spec: 'OIDC Core §5.1' },
  email: { text: 'the user’s email address', spec: 'OIDC Core §5.1' },
  email_verified: { text: 'whether the email address was verified', spec: 'OIDC Core §5.1' },
  preferred_username: { text: 'the name the user likes to be called by', spec: 'OIDC Core §5.1' },
  updated_at: { text: 'when the profile was last updated', spec: 'OIDC Core §5.1' },
  typ: { text: 'token type, as some servers (Keycloak) put it in the claims', spec: 'vendor claim' },
  tid: { text: 'tenant id', spec: 'Entra ID claim' },
  oid: { text: 'object id of the user', spec: 'Entra ID claim' },
  ver: { text: 'token format version', spec: 'Entra ID claim' },
};

/** JOSE header parameters (RFC 7515 §4.1, RFC 9068 §2.1). */
// prettier-ignore
export const HEADER_MEANINGS: Readonly<Record<string, Meaning>> = {
  alg: { text: 'signature algorithm: how the signature below was made (RS256 = RSA with SHA-256)', spec: 'RFC 7515 §4.1.1' },
  jku: { text: 'URL of a key set: never to be trusted blindly', spec: 'RFC 7515 §4.1.2' },
  jwk: { text: 'the public key itself, embedded: never to be trusted blindly', spec: 'RFC 7515 §4.1.3' },
  kid: { text: 'key id: which key of the JWKS verifies the signature', spec: 'RFC 7515 §4.1.4' },
  x5c: { text: 'the certificate chain of the signing key', spec: 'RFC 7515 §4.1.6' },
  x5t: { text: 'thumbprint of the certificate whose key signed the token', spec: 'RFC 7515 §4.1.7' },
  'x5t#S256': { text: 'SHA-256 thumbprint of the certificate whose key signed the token', spec: 'RFC 7515 §4.1.8' },
  typ: { text: 'type of token (at+jwt marks an access token)', spec: 'RFC 7515 §4.1.9, RFC 9068 §2.1' },
  cty: { text: 'content type of the payload', spec: 'RFC 7515 §4.1.10' },
  crit: { text: 'extensions the receiver must understand', spec: 'RFC 7515 §4.1.11' },
};

/** Claims whose value is a NumericDate, seconds since the epoch (RFC 7519 §2). */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'nbf', 'iat', 'auth_time', 'updated_at']);

function phrase(table: Readonly<Record<string, Meaning>>, name: string): string | undefined {
  // Own properties only: a hostile claim named `constructor` or `__proto__` has no meaning.
  if (!Object.hasOwn(table, name)) return undefined;
  const m = table[name]!;
  return `${m.text} (${m.spec})`;
}

/** What a claim means, with its spec in parentheses; undefined for a claim the table does not know. */
export function claimMeaning(name: string): string | undefined {
  return phrase(CLAIM_MEANINGS, name);
}

/** What a JOSE header parameter means, with its spec in parentheses; undefined when unknown. */
export function headerMeaning(name: string): string | undefined {
  return phrase(HEADER_MEANINGS, name);
}
