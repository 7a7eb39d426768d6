// Starts the embedded authorization server: oidc-provider plus our login pages and userinfo route.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { loginPage } from './html.ts';
import { loadOrCreateKeys } from './keys.ts';
import { buildProviderConfig, type AccessTokenFormat, type ProviderSettings } from './provider-config.ts';
import { createUserinfoHandler } from './userinfo.ts';
import { checkCredentials } from './users.ts';

export interface AuthServerConfig {
  /** Public origin of the login site = the issuer, e.g. http://login.localhost:8080. */
  issuer: string;
  /** Public origin of the SPA (redirect URIs, CORS). */
  webOrigin: string;
  /** The API's resource identifier: the `aud` of access tokens. */
  apiAudience: string;
  spaClientId?: string;
  apiClient?: { clientId: string; clientSecret: string };
  /** Where to listen (defaults 127.0.0.1:0). */
  host?: string;
  port?: number;
  /** Keys are generated here on first run. */
  dataDir: string;
  accessTokenLifetimeSeconds?: number;
  accessTokenFormat?: AccessTokenFormat;
  /** Receives one JSON line per sign-in and per server error. */
  log?: (line: string) => void;
}

export interface AuthServer {
  /** Where it really listens, e.g. http://127.0.0.1:41234. */
  url: string;
  issuer: string;
  /** Changes apply to the next token issued. */
  configure(settings: Partial<ProviderSettings>): void;
  close(): Promise<void>;
}

export const DEFAULT_SPA_CLIENT_ID = 'sample-spa';
export const DEFAULT_API_CLIENT = { clientId: 'sample-api', clientSecret: 'sample-api-secret' };

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The login page may not be framed by another site (clickjacking, RFC 9700 §4.16): both the old header and
 * CSP frame-ancestors, which the inspector's `login.framing` check looks for.
 */
function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'",
  });
  res.end(body);
}

export async function startAuthServer(config: AuthServerConfig): Promise<AuthServer> {
  const keys = await loadOrCreateKeys(config.dataDir);
  const settings: ProviderSettings = {
    accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds ?? 900,
    accessTokenFormat: config.accessTokenFormat ?? 'jwt',
  };
  const spaClientId = config.spaClientId ?? DEFAULT_SPA_CLIENT_ID;
  const providerConfig = buildProviderConfig({
    webOrigin: config.webOrigin,
    apiAudience: config.apiAudience,
    spaClientId,
    apiClient: config.apiClient ?? DEFAULT_API_CLIENT,
    keys,
    settings,
  });
  const provider = new Provider(config.issuer, providerConfig);
  const log = (entry: Record<string, unknown>) => config.log?.(JSON.stringify({ time: new Date().toISOString(), source: 'auth-server', ...entry }));
  provider.on('server_error', (_ctx: unknown, error: Error) => log({ type: 'error', detail: error.message }));
  const providerCallback = provider.callback() as (req: IncomingMessage, res: ServerResponse) => void;
  const userinfo = createUserinfoHandler({
    issuer: config.issuer,
    apiAudience: config.apiAudience,
    webOrigin: config.webOrigin,
    publicJwks: keys.publicJwks,
    async findOpaqueToken(value) {
      const token = await provider.AccessToken.find(value);
      return token ? { accountId: token.accountId, scope: token.scope, isExpired: token.isExpired } : undefined;
    },
  });

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const uid = details.uid as string;
    const prompt = details.prompt as { name: string; details: Record<string, unknown> };
    if (prompt.name === 'consent') {
      // First-party app: consent is implied, so grant what was asked and continue without a screen.
      // A grant that expired meanwhile is gone from the store: start a new one then.
      const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
      const grant = existing ?? new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      const missingScope = prompt.details.missingOIDCScope as string[] | undefined;
      const missingClaims = prompt.details.missingOIDCClaims as string[] | undefined;
      const missingResource = prompt.details.missingResourceScopes as Record<string, string[]> | undefined;
      if (missingScope) grant.addOIDCScope(missingScope.join(' '));
      if (missingClaims) grant.addOIDCClaims(missingClaims);
      for (const [indicator, scopes] of Object.entries(missingResource ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    const client = await provider.Client.find(details.params.client_id);
    const action = `/interaction/${uid}/login`;
    if (req.method === 'POST' && path.endsWith('/login')) {
      const form = await readForm(req);
      const user = checkCredentials(form.get('username') ?? '', form.get('password') ?? '');
      if (!user) {
        html(res, 200, loginPage({ action, clientName: client?.clientName ?? 'the application', error: 'Wrong username or password.', username: form.get('username') ?? '' }));
        return;
      }
      log({ type: 'sign-in', username: user.username, sub: user.sub });
      await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    html(res, 200, loginPage({ action, clientName: client?.clientName ?? 'the application' }));
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handle = async () => {
      if (path === '/me') return userinfo(req, res);
      if (path.startsWith('/interaction/')) return interaction(req, res, path);
      providerCallback(req, res);
    };
    handle().catch((error: Error) => {
      log({ type: 'error', path, detail: error.message });
      if (!res.headersSent) html(res, error.name === 'SessionNotFound' ? 400 : 500, `<p>${error.name === 'SessionNotFound' ? 'This sign-in attempt has expired; start again from the application.' : 'Internal error.'}</p>`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port ?? 0, config.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    issuer: config.issuer,
    configure(update) {
      Object.assign(settings, update);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
