// The sample SPA: signs in with oidc-client-ts (code flow + PKCE), calls the API, handles 401s and shows errors.
import { ErrorResponse, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { clearItemResults, showItemResult, type Item } from './item-results.ts';
import { randomBase64url } from './base64url.ts';
import { $, clearProblem, getFromApi, setStatus, showItems, showProblem } from './page.ts';
import { loadSpaConfig, type SpaConfig } from './spa-config.ts';

/** Set when a login just completed; a 401 while it is set is shown instead of signing in again (no loops). */
const JUST_SIGNED_IN = 'sample-spa.just-signed-in';

function showUser(user: User): void {
  const name = typeof user.profile.name === 'string' ? user.profile.name : user.profile.sub;
  $('user-name').textContent = name;
}

/**
 * Step 4: a fresh random nonce for each sign-in (OIDC Core §3.1.2.1). oidc-client-ts sends one only when it is
 * given one; it then keeps it with the state and refuses an ID token whose `nonce` claim differs (§3.1.3.7).
 */
function freshNonce(): string {
  return randomBase64url(32);
}

function currentLocation(): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

/** RFC 6750 §3: pull `error` out of a Bearer challenge. */
function bearerError(header: string | null): string | undefined {
  return header ? /error="([^"]*)"/.exec(header)?.[1] : undefined;
}

class App {
  private readonly users: UserManager;

  constructor(private readonly config: SpaConfig) {
    this.users = new UserManager({
      authority: config.oauth.authority,
      client_id: config.oauth.clientId,
      redirect_uri: config.oauth.redirectUri,
      post_logout_redirect_uri: config.oauth.postLogoutRedirectUri,
      scope: config.oauth.scope,
      response_type: 'code',
      loadUserInfo: true, // step 13
      userStore: new WebStorageStateStore({ store: window.sessionStorage }), // step 14
      automaticSilentRenew: false,
      monitorSession: false,
    });
  }

  async start(): Promise<void> {
    $('reload-data').addEventListener('click', () => void this.loadData());
    $('expire-token').addEventListener('click', () => void this.expireToken());
    $('sign-out').addEventListener('click', () => void this.signOut());
    $('item-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const id = ($('item-id') as HTMLInputElement).value.trim();
      if (id) void this.loadItem(id);
    });

    if (location.pathname === new URL(this.config.oauth.redirectUri).pathname) {
      if (!(await this.handleLoginResponse())) return;
    }
    const user = await this.users.getUser();
    if (!user || user.expired) {
      await this.signIn();
      return;
    }
    this.enable(true);
    showUser(user);
    await this.loadData();
  }

  /** Steps 7–13: state check, code exchange, userinfo, then back to the page the user started on. */
  private async handleLoginResponse(): Promise<boolean> {
    try {
      const user = await this.users.signinRedirectCallback();
      sessionStorage.setItem(JUST_SIGNED_IN, '1');
      const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo ?? '/';
      history.replaceState(null, '', returnTo.startsWith('/') ? returnTo : '/');
      return true;
    } catch (error) {
      history.replaceState(null, '', '/');
      if (error instanceof ErrorResponse) {
        // Step 10: error and error_description from the authorization response (RFC 6749 §4.1.2.1).
        showProblem({
          area: 'Login',
          code: error.error ?? 'login_failed',
          status: '',
          details: error.error_description ?? error.message,
        });
      } else {
        showProblem({ area: 'Login', code: 'login_failed', status: '', details: (error as Error).message });
      }
      return false;
    }
  }

  private async signIn(): Promise<void> {
    setStatus('Signing in…');
    await this.users.signinRedirect({ state: { returnTo: currentLocation() }, nonce: freshNonce() });
  }

  private enable(on: boolean): void {
    for (const id of ['reload-data', 'expire-token', 'sign-out']) ($(id) as HTMLButtonElement).disabled = !on;
  }

  /** Step 15: cross-origin call with the bearer token; a 401 leads to one new sign-in (step 20). */
  async loadData(): Promise<void> {
    clearProblem();
    clearItemResults();
    $('data').hidden = true;
    setStatus('Loading data…');
    // Only the API's first answer after a login can reveal a loop: whatever happens now, a later 401 may sign in again.
    const justSignedIn = sessionStorage.getItem(JUST_SIGNED_IN) !== null;
    sessionStorage.removeItem(JUST_SIGNED_IN);
    const user = await this.users.getUser();
    if (!user) {
      await this.signIn();
      return;
    }
    const answer = await getFromApi(`${this.config.app.apiBaseUrl}/items`, {
      authorization: `Bearer ${user.access_token}`,
    });
    if (!answer) return;
    const { response, body } = answer;
    if (response.status === 401) {
      const code = bearerError(response.headers.get('www-authenticate')) ?? String(body.code ?? 'unauthorized');
      if (justSignedIn) {
        showProblem({
          area: 'API',
          code,
          status: '401',
          details: 'The API rejected a token issued moments ago; not signing in again to avoid a loop.',
        });
        return;
      }
      await this.users.removeUser();
      await this.signIn();
      return;
    }
    if (!response.ok) {
      const extra = [
        body.message,
        body.errorId ? `error id ${String(body.errorId)}` : '',
        body.utcTime ? `at ${String(body.utcTime)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      showProblem({
        area: String(body.area ?? 'API').toUpperCase() === 'API' ? 'API' : String(body.area),
        code: String(body.code ?? 'api_error'),
        status: String(response.status),
        details: extra,
      });
      return;
    }
    const items = (body.items as Item[] | undefined) ?? [];
    showItems(items);
    setStatus('Data loaded');
    await this.followUpRequests(items);
  }

  /** The scenario's item requests after the list: each listed item (step 16), or one chosen id (step 18). */
  private async followUpRequests(items: Item[]): Promise<void> {
    clearItemResults();
    const ids = this.config.app.itemDetails ? items.map((item) => item.id) : [];
    if (this.config.app.openItemId) ids.push(this.config.app.openItemId);
    for (const id of ids) await this.loadItem(id);
  }

  /** Step 18: one item by id; the API answers 404 for an item that is not the signed-in user's. */
  async loadItem(id: string): Promise<void> {
    const user = await this.users.getUser();
    if (!user) return;
    try {
      const response = await fetch(`${this.config.app.apiBaseUrl}/items/${encodeURIComponent(id)}`, {
        headers: { authorization: `Bearer ${user.access_token}` },
      });
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      showItemResult(id, response.status, body);
    } catch (error) {
      showItemResult(id, 0, { message: `the API could not be reached (${(error as Error).message})` });
    }
  }

  /** Step 19: spoil the stored access token so the API answers 401 (time cannot be changed). */
  private async expireToken(): Promise<void> {
    const user = await this.users.getUser();
    if (!user) return;
    user.access_token = `${user.access_token}x`;
    await this.users.storeUser(user);
    setStatus('Access token expired');
  }

  private async signOut(): Promise<void> {
    this.enable(false);
    await this.users.signoutRedirect();
  }
}

loadSpaConfig()
  .then((config) => new App(config).start())
  .catch((error: unknown) =>
    showProblem({ area: 'SPA', code: 'startup_failed', status: '', details: (error as Error).message }),
  );
