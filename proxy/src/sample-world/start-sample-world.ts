// Starts the sample world (authorization server, API, SPA server) for three public origins and switches scenarios.
import { startAuthServer, type AuthServer } from '@oauth-inspector/auth-server';
import { apiConfigFromFile, startSampleApi, type ApiConfigFile, type SampleApi } from '@oauth-inspector/sample-api';
import { startSpaServer, type SpaServer } from '@oauth-inspector/sample-spa/server/start-spa-server.ts';
import { portBindError } from '../port-check.ts';
import { scenarioById, SCENARIOS, type Scenario, type ScenarioId, type ScenarioSettings } from './scenarios.ts';
import {
  apiConfigFileFor,
  authSettingsFor,
  listenAddress,
  spaConfigFor,
  worldOrigins,
  type WorldOrigins,
} from './world-config.ts';

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

/** A taken (or forbidden) port becomes one sentence naming the server (port-check.ts); other failures pass unchanged. */
async function withPortMessage<T>(
  name: string,
  address: { host: string; port: number },
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start();
  } catch (error) {
    throw portBindError(error, address.host, address.port, { server: name }) ?? error;
  }
}

/** What every server's start needs: the options, the derived origins and the log. */
interface WorldContext {
  options: SampleWorldOptions;
  origins: WorldOrigins;
  mode: 'public' | 'internal';
  lifetime: number;
  log: (line: string) => void;
}

function logApiConfig(context: WorldContext, id: ScenarioId, file: ApiConfigFile): void {
  // Logged so learners see what the scenario changed.
  context.log(
    JSON.stringify({
      time: new Date().toISOString(),
      source: 'sample-world',
      type: 'config',
      scenario: id,
      name: 'api.config.json',
      config: file,
    }),
  );
}

function startAuth(context: WorldContext, id: ScenarioId): Promise<AuthServer> {
  const { origins, options } = context;
  const address = listenAddress(origins.login, context.mode);
  return withPortMessage('authorization server', address, () =>
    startAuthServer({
      issuer: origins.login,
      webOrigin: origins.web,
      apiAudience: origins.apiAudience,
      ...address,
      dataDir: options.dataDir,
      ...authSettingsFor(id, context.lifetime),
      log: context.log,
    }),
  );
}

async function startApi(context: WorldContext, id: ScenarioId): Promise<SampleApi> {
  const address = listenAddress(context.origins.api, context.mode);
  const file = apiConfigFileFor(id, context.origins, context.options);
  const api = await withPortMessage('API', address, () =>
    startSampleApi({ ...apiConfigFromFile(file), ...address, log: context.log }),
  );
  logApiConfig(context, id, file);
  return api;
}

function startSpa(context: WorldContext, settings: () => ScenarioSettings): Promise<SpaServer> {
  const address = listenAddress(context.origins.web, context.mode);
  const distDir = context.options.spaDistDir;
  return withPortMessage('SPA', address, () =>
    startSpaServer({
      ...address,
      getConfig: () => spaConfigFor(context.origins, settings()),
      getPage: () => (settings().legacySpa ? 'legacy.html' : 'index.html'),
      ...(distDir ? { distDir } : {}),
    }),
  );
}

/** Runs the closers last first, once, however often it is called; a failing closer does not stop the others. */
function closeOnce(closers: (() => Promise<void>)[]): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      for (const close of [...closers].reverse()) await close().catch(() => undefined);
    })());
}

export async function startSampleWorld(options: SampleWorldOptions): Promise<SampleWorld> {
  const context: WorldContext = {
    options,
    origins: worldOrigins(options.origins),
    mode: options.listen ?? 'internal',
    lifetime: options.accessTokenLifetimeSeconds ?? 900,
    log: options.log ?? ((line: string) => process.stdout.write(`${line}\n`)),
  };
  let current: Scenario = scenarioById(options.scenario ?? 'default');
  const closers: (() => Promise<void>)[] = [];
  const closeAll = closeOnce(closers);
  try {
    const auth = await startAuth(context, current.id);
    closers.push(() => auth.close());
    const api = await startApi(context, current.id);
    closers.push(() => api.close());
    const spa = await startSpa(context, () => current.settings);
    closers.push(() => spa.close());
    const world: SampleWorld = {
      upstreams: { web: spa.url, api: api.url, login: auth.url },
      scenario: current.id,
      scenarios: SCENARIOS.map(({ id, title }) => ({ id, title })),
      async setScenario(id) {
        current = scenarioById(id);
        auth.configure(authSettingsFor(id, context.lifetime));
        const file = apiConfigFileFor(id, context.origins, options);
        api.configure({ validation: apiConfigFromFile(file).validation });
        world.scenario = id;
        logApiConfig(context, id, file);
      },
      close: closeAll,
    };
    return world;
  } catch (error) {
    await closeAll();
    throw error;
  }
}
