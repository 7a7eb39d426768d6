// The legacy page (seed 000): calls the API first, signs in with the implicit flow on a 401, calls again; never loops.
import { $, getFromApi, setStatus, showItems, showProblem } from '../page.ts';
import { loadSpaConfig } from '../spa-config.ts';
import {
  clearSession,
  finishLogin,
  LoginError,
  startLogin,
  storedSession,
  type ImplicitSettings,
} from './implicit-client.ts';

/** Set when a login just completed; a 401 while it is set is shown instead of signing in again (no loops). */
const JUST_SIGNED_IN = 'legacy-spa.just-signed-in';

function enable(on: boolean): void {
  for (const id of ['reload-data', 'bad-scope-login']) ($(id) as HTMLButtonElement).disabled = !on;
}

class LegacyApp {
  constructor(
    private readonly settings: ImplicitSettings,
    private readonly apiBaseUrl: string,
  ) {}

  async start(): Promise<void> {
    $('reload-data').addEventListener('click', () => void this.loadData());
    // Step 8: make a login fail on purpose, as seed 000 advises, to see that it never loops.
    $('bad-scope-login').addEventListener('click', () => void this.signIn(`${this.settings.scope} xxx`));
    if (location.pathname === new URL(this.settings.redirectUri).pathname && location.hash.length > 1) {
      const fragment = new URLSearchParams(location.hash.slice(1));
      // The tokens leave the address bar (and this entry of the history) before anything else runs.
      history.replaceState(null, '', '/');
      if (!(await this.handleLoginResponse(fragment))) return;
    }
    await this.loadData();
  }

  private async handleLoginResponse(fragment: URLSearchParams): Promise<boolean> {
    try {
      const { returnTo } = await finishLogin(this.settings, fragment);
      sessionStorage.setItem(JUST_SIGNED_IN, '1');
      history.replaceState(null, '', returnTo.startsWith('/') ? returnTo : '/');
      return true;
    } catch (error) {
      const code = error instanceof LoginError ? error.code : 'login_failed';
      showProblem({ area: 'Login', code, status: '', details: (error as Error).message });
      enable(storedSession() !== undefined);
      return false;
    }
  }

  private async signIn(scope?: string): Promise<void> {
    setStatus('Signing in…');
    await startLogin(this.settings, `${location.pathname}${location.search}`, scope);
  }

  /** Steps 2, 11, 13, 16: the API call, with the stored token if there is one; a 401 means one new login. */
  async loadData(): Promise<void> {
    $('error-panel').hidden = true;
    $('data').hidden = true;
    setStatus('Loading data…');
    const justSignedIn = sessionStorage.getItem(JUST_SIGNED_IN) !== null;
    sessionStorage.removeItem(JUST_SIGNED_IN);
    const session = storedSession();
    const headers: Record<string, string> = { 'x-correlation-id': crypto.randomUUID() };
    if (session) headers.authorization = `Bearer ${session.accessToken}`;
    const answer = await getFromApi(`${this.apiBaseUrl}/items`, headers);
    if (!answer) return;
    const { response, body } = answer;
    if (response.status === 401) {
      if (justSignedIn) {
        showProblem({
          area: 'API',
          code: String(body.code ?? 'unauthorized'),
          status: '401',
          details: 'A fresh token was refused; not signing in again.',
        });
        return;
      }
      clearSession();
      await this.signIn();
      return;
    }
    if (!response.ok) {
      const id = body.errorId ? `, error id ${String(body.errorId)}` : '';
      showProblem({
        area: 'API',
        code: String(body.code ?? 'api_error'),
        status: String(response.status),
        details: `${String(body.message)}${id}`,
      });
      enable(true);
      return;
    }
    $('user-name').textContent = session?.sub ?? '';
    showItems((body.items as { title: string; detail: string }[] | undefined) ?? []);
    enable(true);
    setStatus('Data loaded');
  }
}

loadSpaConfig()
  .then((config) =>
    new LegacyApp(
      {
        authority: config.oauth.authority,
        clientId: config.oauth.clientId,
        redirectUri: config.oauth.redirectUri,
        scope: config.oauth.scope,
        responseType: config.oauth.responseType ?? 'id_token token',
      },
      config.app.apiBaseUrl,
    ).start(),
  )
  .catch((error: unknown) =>
    showProblem({ area: 'SPA', code: 'startup_failed', status: '', details: (error as Error).message }),
  );
