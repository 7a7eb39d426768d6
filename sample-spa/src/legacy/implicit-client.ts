// The legacy page's implicit-flow client (seed 000): metadata, the login redirect with state and nonce, the fragment's checks, storage.
import { randomBase64url } from '../base64url.ts';
import { checkIdToken, LoginError } from './id-token-check.ts';

export { LoginError } from './id-token-check.ts';

export interface ImplicitSettings {
  authority: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  responseType: string;
}

/** What the page keeps in session storage after a login (step 10): enough to call the API and to know who signed in. */
export interface ImplicitSession {
  accessToken: string;
  expiresAt: number;
  sub: string;
}

const PENDING = 'legacy-spa.pending';
const SESSION = 'legacy-spa.session';

let metadataDownload: Promise<Record<string, unknown>> | undefined;

/** Step 3: the authorization server's metadata (OIDC Discovery §4), downloaded cross-origin once per page. */
function metadata(authority: string): Promise<Record<string, unknown>> {
  metadataDownload ??= fetch(`${authority}/.well-known/openid-configuration`).then((response) => {
    if (!response.ok) throw new LoginError('metadata_failed', `metadata download answered ${response.status}`);
    return response.json() as Promise<Record<string, unknown>>;
  });
  return metadataDownload;
}

/** Step 4: redirect to the authorization endpoint with a fresh state and nonce (RFC 6749 §4.2.1, OIDC Core §3.2.2.1). */
export async function startLogin(settings: ImplicitSettings, returnTo: string, scope = settings.scope): Promise<void> {
  const meta = await metadata(settings.authority);
  const pending = { state: randomBase64url(24), nonce: randomBase64url(24), returnTo };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(String(meta.authorization_endpoint));
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    response_type: settings.responseType,
    scope,
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  location.assign(url.href);
}

/**
 * Step 7: reads the fragment. The state must be the one this page sent (RFC 6749 §4.2.2, §10.12) before anything
 * else is believed; an error is reported, never retried (step 8); tokens are kept only after the ID token checks.
 */
export async function finishLogin(
  settings: ImplicitSettings,
  fragment: URLSearchParams,
): Promise<{ session: ImplicitSession; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
    state: string;
    nonce: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new LoginError('no_login_started', 'an authorization response arrived, but no login was started');
  if (fragment.get('state') !== pending.state)
    throw new LoginError('state_mismatch', 'the state in the response differs from the one sent');
  const error = fragment.get('error');
  if (error) throw new LoginError(error, fragment.get('error_description') ?? 'the login failed');
  const accessToken = fragment.get('access_token');
  const idToken = fragment.get('id_token');
  if (!accessToken || !idToken) throw new LoginError('invalid_response', 'the response lacks access_token or id_token');
  const meta = await metadata(settings.authority);
  const claims = await checkIdToken(idToken, {
    issuer: String(meta.issuer),
    clientId: settings.clientId,
    nonce: pending.nonce,
    accessToken,
    jwksUri: String(meta.jwks_uri),
  });
  const expiresIn = Number(fragment.get('expires_in') ?? '0');
  const session = { accessToken, expiresAt: Date.now() + expiresIn * 1000, sub: String(claims.sub) };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return { session, returnTo: pending.returnTo };
}

export function storedSession(): ImplicitSession | undefined {
  const text = sessionStorage.getItem(SESSION);
  return text ? (JSON.parse(text) as ImplicitSession) : undefined;
}

export function clearSession(): void {
  sessionStorage.removeItem(SESSION);
}
