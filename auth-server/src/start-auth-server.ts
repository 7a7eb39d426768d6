// Starts the embedded authorization server: oidc-provider plus our login pages and userinfo route.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { listen } from '@oauth-inspector/http-listen';
import Provider from 'oidc-provider';
import { sendHtml } from './html.ts';
import { createInteractionHandler } from './interaction.ts';
import { allowHttpRedirectsForLegacyClient } from './legacy-implicit-client.ts';
import { loadOrCreateKeys, type ServerKeys } from './keys.ts';
import { buildProviderConfig, type AccessTokenFormat, type ProviderSettings } from './provider-config.ts';
import { createUserinfoHandler } from './userinfo.ts';

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

type Log = (entry: Record<string, unknown>) => void;

/** Our userinfo route (`/me`): verifies JWTs with the server's own key, looks opaque tokens up in the provider. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function userinfoRoute(
  config: AuthServerConfig,
  provider: any,
  keys: ServerKeys,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return createUserinfoHandler({
    issuer: config.issuer,
    apiAudience: config.apiAudience,
    webOrigin: config.webOrigin,
    publicJwks: keys.publicJwks,
    async findOpaqueToken(value) {
      const token = await provider.AccessToken.find(value);
      return token ? { accountId: token.accountId, scope: token.scope, isExpired: token.isExpired } : undefined;
    },
  });
}

/** Routes `/me` and `/interaction/…` to our handlers and everything else to oidc-provider; a failure becomes a page. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function requestListener(config: AuthServerConfig, provider: any, keys: ServerKeys, log: Log): RequestListener {
  const providerCallback = provider.callback() as RequestListener;
  const userinfo = userinfoRoute(config, provider, keys);
  const interaction = createInteractionHandler(provider, log);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handle = async () => {
      if (path === '/me') return userinfo(req, res);
      if (path.startsWith('/interaction/')) return interaction(req, res, path);
      providerCallback(req, res);
    };
    handle().catch((error: Error) => {
      log({ type: 'error', path, detail: error.message });
      const expired = error.name === 'SessionNotFound';
      if (!res.headersSent)
        sendHtml(
          res,
          expired ? 400 : 500,
          `<p>${expired ? 'This sign-in attempt has expired; start again from the application.' : 'Internal error.'}</p>`,
        );
      else res.end();
    });
  };
}

export async function startAuthServer(config: AuthServerConfig): Promise<AuthServer> {
  const keys = await loadOrCreateKeys(config.dataDir);
  const settings: ProviderSettings = {
    accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds ?? 900,
    accessTokenFormat: config.accessTokenFormat ?? 'jwt',
  };
  const providerConfig = buildProviderConfig({
    webOrigin: config.webOrigin,
    apiAudience: config.apiAudience,
    spaClientId: config.spaClientId ?? DEFAULT_SPA_CLIENT_ID,
    apiClient: config.apiClient ?? DEFAULT_API_CLIENT,
    keys,
    settings,
  });
  const provider = new Provider(config.issuer, providerConfig);
  allowHttpRedirectsForLegacyClient(provider);
  const log: Log = (entry) =>
    config.log?.(JSON.stringify({ time: new Date().toISOString(), source: 'auth-server', ...entry }));
  provider.on('server_error', (_ctx: unknown, error: Error) => log({ type: 'error', detail: error.message }));
  const server = await listen(createServer(requestListener(config, provider, keys, log)), config);
  return {
    url: server.url,
    issuer: config.issuer,
    configure(update) {
      Object.assign(settings, update);
    },
    close: server.close,
  };
}
