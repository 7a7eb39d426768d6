// Which fields carry credentials, by name: parameters, JSON members, headers, JWK members and URL path markers.

/** What a redacted value is; each kind has its own numbered placeholders (`REDACTED-password-1`). */
export type SecretKind =
  | 'password' // a user's password or PIN (RFC 6749 §4.3.2, login forms)
  | 'client-secret' // a client's secret or assertion (RFC 6749 §2.3.1, RFC 7523 §2.2)
  | 'api-key' // a static key sent in a header, query or body
  | 'private-key' // private members of a JWK (RFC 7518 §6.3.2, §6.4.1) or a PEM key (RFC 7468 §10, §11; pem.ts)
  | 'credential' // another secret part of an Authorization header (Digest `response`, RFC 7616 §3.4) or a presigned URL
  | 'token' // access, refresh, ID, device and session tokens (RFC 6749 §1.4, §1.5; RFC 8628 §3.2)
  | 'code' // an authorization code (RFC 6749 §4.1.2)
  | 'code-verifier' // a PKCE verifier (RFC 7636 §4.1)
  | 'signature' // the signature of a JWS (RFC 7515 §7.1): removing it leaves the claims readable but useless
  | 'cookie' // a cookie value (RFC 6265 §4.1.1)
  | 'session-id'; // an interaction or login-session id in a URL path or query

export const SECRET_KINDS: readonly SecretKind[] = [
  'password',
  'client-secret',
  'api-key',
  'private-key',
  'credential',
  'token',
  'code',
  'code-verifier',
  'signature',
  'cookie',
  'session-id',
];

/** Names compared lower-case with `-` and `_` removed, so `client_secret`, `clientSecret` and `Client-Secret` are one name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** Exact names (normalized) and the kind of value they carry. */
const EXACT: Record<string, SecretKind> = {
  password: 'password',
  passwd: 'password',
  pwd: 'password',
  pass: 'password',
  passphrase: 'password',
  pin: 'password',
  otp: 'password',
  totp: 'password',
  secret: 'client-secret',
  clientsecret: 'client-secret',
  clientassertion: 'client-secret',
  assertion: 'client-secret',
  apikey: 'api-key',
  apisecret: 'api-key',
  appsecret: 'api-key',
  accesskey: 'api-key',
  secretkey: 'api-key',
  subscriptionkey: 'api-key',
  privatekey: 'private-key',
  // Presigned URLs: the signature is what grants access (AWS SigV4 query auth, Google Cloud Storage, Azure SAS).
  xamzsignature: 'credential',
  xgoogsignature: 'credential',
  sig: 'credential',
  token: 'token',
  accesstoken: 'token',
  refreshtoken: 'token',
  idtoken: 'token',
  idtokenhint: 'token',
  logintokenhint: 'token',
  subjecttoken: 'token',
  actortoken: 'token',
  logouttoken: 'token',
  devicecode: 'token',
  usercode: 'token',
  authreqid: 'token',
  sessiontoken: 'token',
  statetoken: 'token',
  samlresponse: 'token',
  ticket: 'token',
  code: 'code',
  codeverifier: 'code-verifier',
  oauthverifier: 'code-verifier',
  sessionid: 'session-id',
  sessioncode: 'session-id',
  sessid: 'session-id',
  jsessionid: 'session-id',
  interactionid: 'session-id',
};

/** Name endings that carry a secret whatever comes before (`new_password`, `app_client_secret`, `csrf_token`). */
const SUFFIXES: readonly [string, SecretKind][] = [
  ['password', 'password'],
  ['passwd', 'password'],
  ['secret', 'client-secret'],
  ['apikey', 'api-key'],
  ['privatekey', 'private-key'],
  ['token', 'token'],
];

function kindOfNormalized(n: string): SecretKind | undefined {
  return EXACT[n] ?? SUFFIXES.find(([suffix]) => n.endsWith(suffix))?.[1];
}

/**
 * The kind of secret a parameter or JSON member of this name carries, or undefined when it carries none. A plural
 * (`tokens`, `refresh_tokens`, `passwords`) carries what its singular does: a list of them.
 */
export function credentialKind(name: string): SecretKind | undefined {
  const n = normalizeName(name);
  if (n === '') return undefined;
  return kindOfNormalized(n) ?? (n.length > 1 && n.endsWith('s') ? kindOfNormalized(n.slice(0, -1)) : undefined);
}

/** Private JWK members (RFC 7518 §6.3.2 RSA, §6.2.2 EC `d`, §6.4.1 oct `k`; RFC 8037 §2 OKP `d`): secret only inside an object with `kty`. */
export const JWK_PRIVATE_MEMBERS: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']);

/** Headers that carry credentials in the scheme syntax of RFC 9110 §11.6.2 (Authorization) and §11.7.2 (Proxy-Authorization). */
export const AUTHORIZATION_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization']);

/** Other headers whose whole value is a credential: `X-Api-Key`, `X-Auth-Token`, `Private-Token`, `X-Amz-Security-Token`, `X-CSRF-Token` … */
const CREDENTIAL_HEADER =
  /(token|secret|passw(or)?d|api-?key|access-?key|subscription-key|session-?id|^x-auth$|^x-auth-)/i;

/** The kind of secret a header carries as its whole value, or undefined. */
export function credentialHeaderKind(name: string): SecretKind | undefined {
  const n = name.toLowerCase();
  if (AUTHORIZATION_HEADERS.has(n) || !CREDENTIAL_HEADER.test(n)) return undefined;
  return /key/.test(n)
    ? 'api-key'
    : /secret|passw/.test(n)
      ? 'client-secret'
      : /session/.test(n)
        ? 'session-id'
        : 'token';
}

/** Headers whose value is a URL that can carry a code or token in its query or fragment (RFC 9110 §10.2.2, §10.1.3). */
export const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'content-location', 'referer']);

/**
 * Path segments after which the next segment is an interaction or login-session id: oidc-provider's
 * `/interaction/<uid>` (whose uid is also its `_interaction` cookie and its `/auth/<uid>` resume path), and the
 * same idea elsewhere. The analyzer treats these as parts of a login (login-page, login-submit recognizers).
 */
export const SESSION_PATH_MARKERS: ReadonlySet<string> = new Set([
  'interaction',
  'interactions',
  'login-session',
  'login-sessions',
]);

/** Values a buggy client sends where a credential belongs: not secrets, and too common in ordinary text to replace. */
export const NOT_SECRETS: ReadonlySet<string> = new Set([
  '',
  'undefined',
  'null',
  'true',
  'false',
  'none',
  'nan',
  '[object object]',
]);
