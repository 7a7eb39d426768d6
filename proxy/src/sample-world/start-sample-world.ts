// Starts the sample world (authorization server, API, SPA server) for three public origins and switches scenarios.
import { startAuthServer, DEFAULT_API_CLIENT, DEFAULT_SPA_CLIENT_ID } from '@oauth-inspector/auth-server';
import { apiConfigFromFile, startSampleApi, type ApiConfigFile } from '@oauth-inspector/sample-api';
import { startSpaServer, type SpaConfig } from '@oauth-inspector/sample-spa/server/start-spa-server.ts';
import { scenarioById, SCENARIOS, type ScenarioId } from './scenarios.ts';

export type { ScenarioId } from './scenarios.ts';
export { SCENARIOS, isScenarioId } from './scenarios.ts';

export interface SampleWorldOptions {
  /** Public origins the browser uses. */
  origins: { web: string; api: string; login: string };
  /** 'public': each server listens on its origin's own port; 'internal': 127.0.0.1:0 behind a Host-keeping gateway. */
  listen?: 'public' | 'internal';
  /** Signing keys and cookie keys (generated on first run, git-ignored). */
  dataDir: string;
  scenario?: ScenarioId;
  /** Default 900 (15 minutes, as in the article). */
  accessTokenLifetimeSeconds?: number;
  /** e.g. http://127.0.0.1:8080: the API sends JWKS and introspection requests through it. */
  backChannelProxy?: string;
  /** Override where the API fetches (defaults derive from the login origin). */
  jwksUrl?: string;
  introspectionUrl?: string;
  /** Structured API log lines and server notes go here (default: stdout). */
  log?: (line: string) => void;
  /** Built SPA folder (default sample-spa/dist). */
  spaDistDir?: string;
}

export interface SampleWorld {
  /** Where each server really listens, e.g. http://127.0.0.1:41234. */
  upstreams: { web: string; api: string; login: string };
  scenario: ScenarioId;
  scenarios: { id: ScenarioId; title: string }[];
  /** Switches at run time, no restart: the next config download, token issue and API request see it. */
  setScenario(id: ScenarioId): Promise<void>;
  close(): Promise<void>;
}

/** Strips a trailing slash so URLs can be joined. */
function origin(value: string): string {
  return new URL(value).origin;
}

function listenAddress(publicOrigin: string, mode: 'public' | 'internal'): { host: string; port: number } {
  if (mode === 'internal') return { host: '127.0.0.1', port: 0 };
  const url = new URL(publicOrigin);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  // Loopback only (GUIDE §3.8); "localhost" is bound as 127.0.0.1 so Node's resolver order does not matter.
  return { host: url.hostname === 'localhost' || url.hostname.endsWith('.localhost') ? '127.0.0.1' : url.hostname, port };
}

async function withPortMessage<T>(name: string, address: { host: string; port: number }, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || (error as NodeJS.ErrnoException).code === 'EACCES') {
      const clear = new Error(`Port ${address.port} on ${address.host} (${name}) is already in use: stop whatever uses it or choose another port.`);
      (clear as Error & { code: string }).code = 'port-in-use';
      throw clear;
    }
    throw error;
  }
}

export async function startSampleWorld(options: SampleWorldOptions): Promise<SampleWorld> {
  const mode = options.listen ?? 'internal';
  const web = origin(options.origins.web);
  const api = origin(options.origins.api);
  const login = origin(options.origins.login);
  const apiBaseUrl = `${api}/api`;
  /** The API's resource indicator (RFC 8707) and the `aud` of its access tokens. */
  const apiAudience = apiBaseUrl;
  const lifetime = options.accessTokenLifetimeSeconds ?? 900;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  let current = scenarioById(options.scenario ?? 'default');

  /** The API's configuration file (article-shaped JSON) for a scenario; logged so learners see what changed. */
  const apiConfigFileFor = (id: ScenarioId): ApiConfigFile => {
    const settings = scenarioById(id).settings;
    const jwksEndpoint = settings.jwksPath === '/jwks' && options.jwksUrl ? options.jwksUrl : `${login}${settings.jwksPath}`;
    return {
      api: {
        trustedOrigins: [web],
        useProxy: Boolean(options.backChannelProxy),
        ...(options.backChannelProxy ? { proxyUrl: options.backChannelProxy } : {}),
      },
      oauth: {
        validation: settings.validation,
        issuer: login,
        audience: settings.wrongAudience ? `${apiAudience}/other` : apiAudience,
        algorithm: 'RS256',
        jwksEndpoint,
        introspectEndpoint: options.introspectionUrl ?? `${login}/token/introspection`,
        clientId: DEFAULT_API_CLIENT.clientId,
        clientSecret: settings.wrongIntrospectionSecret ? `${DEFAULT_API_CLIENT.clientSecret}-wrong` : DEFAULT_API_CLIENT.clientSecret,
      },
    };
  };
  const logApiConfig = (id: ScenarioId, file: ApiConfigFile) =>
    log(JSON.stringify({ time: new Date().toISOString(), source: 'sample-world', type: 'config', scenario: id, name: 'api.config.json', config: file }));
  const authSettingsFor = (id: ScenarioId) => {
    const settings = scenarioById(id).settings;
    return { accessTokenFormat: settings.accessTokenFormat, accessTokenLifetimeSeconds: settings.accessTokenLifetimeSeconds ?? lifetime };
  };

  const closers: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const closeAll = () =>
    (closing ??= (async () => {
      for (const close of [...closers].reverse()) await close().catch(() => undefined);
    })());
  try {
    const loginAddress = listenAddress(login, mode);
    const auth = await withPortMessage('authorization server', loginAddress, () =>
      startAuthServer({
        issuer: login,
        webOrigin: web,
        apiAudience,
        ...loginAddress,
        dataDir: options.dataDir,
        ...authSettingsFor(current.id),
        log,
      }),
    );
    closers.push(() => auth.close());

    const apiAddress = listenAddress(api, mode);
    const apiFile = apiConfigFileFor(current.id);
    const sampleApi = await withPortMessage('API', apiAddress, () => startSampleApi({ ...apiConfigFromFile(apiFile), ...apiAddress, log }));
    logApiConfig(current.id, apiFile);
    closers.push(() => sampleApi.close());

    const spaConfig = (): SpaConfig => ({
      app: { webOrigin: web, apiBaseUrl },
      oauth: {
        authority: login,
        clientId: DEFAULT_SPA_CLIENT_ID,
        redirectUri: `${web}/callback`,
        postLogoutRedirectUri: `${web}/`,
        scope: current.settings.spaScope,
      },
    });
    const webAddress = listenAddress(web, mode);
    const spa = await withPortMessage('SPA', webAddress, () =>
      startSpaServer({ ...webAddress, getConfig: spaConfig, ...(options.spaDistDir ? { distDir: options.spaDistDir } : {}) }),
    );
    closers.push(() => spa.close());

    const world: SampleWorld = {
      upstreams: { web: spa.url, api: sampleApi.url, login: auth.url },
      scenario: current.id,
      scenarios: SCENARIOS.map(({ id, title }) => ({ id, title })),
      async setScenario(id) {
        current = scenarioById(id);
        auth.configure(authSettingsFor(id));
        const file = apiConfigFileFor(id);
        sampleApi.configure({ validation: apiConfigFromFile(file).validation });
        world.scenario = id;
        logApiConfig(id, file);
      },
      close: closeAll,
    };
    return world;
  } catch (error) {
    await closeAll();
    throw error;
  }
}
