// Starts the pieces together: session journal, capture proxy, inspector server with the feed, optionally the sample world.
import { join } from 'node:path';
import type { FeedMessage, FeedRequest, SampleWorldInfo } from '@oauth-inspector/core';
import { openLocalCa, type LocalCa } from './ca/local-ca.ts';
import { startCaptureProxy, type CaptureProxy } from './capture/capture-proxy.ts';
import { loadFeedToken } from './feed/feed-token.ts';
import { startInspectorServer, type InspectorServer } from './inspector-server/inspector-server.ts';
import { inspectorPaths } from './paths.ts';
import { assertPortFree } from './port-check.ts';
import { InspectorError } from './errors.ts';
import { isScenarioId, type ScenarioId } from './sample-world/scenarios.ts';
import type { SampleWorld, startSampleWorld } from './sample-world/start-sample-world.ts';
import { UNSERIALIZABLE } from './session/journal.ts';
import { LiveSession } from './session/live-session.ts';
import { SHIPPED } from './shipped-files.ts';

/** The gateway host names for the sample's three origins on the proxy's port. */
export function gatewayOrigins(port: number): { web: string; api: string; login: string } {
  return {
    web: `http://web.localhost:${port}`,
    api: `http://api.localhost:${port}`,
    login: `http://login.localhost:${port}`,
  };
}

/**
 * The sample world's start function, imported on first use: it pulls in oidc-provider and the sample servers
 * (about 1.5 s), which `proxy`, `run`, `sessions` and `analyze` do not need. A failed import is one sentence.
 */
async function loadSampleWorld(): Promise<typeof startSampleWorld> {
  try {
    return (await import('./sample-world/start-sample-world.ts')).startSampleWorld;
  } catch (cause) {
    const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new InspectorError(
      'sample-world-missing',
      `The sample world cannot be loaded (${why}): run npm install, or use \`oauth-inspector proxy\` to capture your own apps.`,
      { cause },
    );
  }
}

export interface StackOptions {
  port?: number;
  host?: string;
  /** 0 for an ephemeral port; null for no inspector server. */
  inspectorPort?: number | null;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  bodyCap?: number;
  memoryCap?: number;
  sessionName?: string;
  sampleWorld?: boolean;
  scenario?: ScenarioId;
  /** Access token lifetime of the sample world, seconds (default 900). */
  accessTokenLifetimeSeconds?: number;
  extraOrigins?: string[];
  /** Extra CA certificates (PEM) trusted for upstream HTTPS (NODE_EXTRA_CA_CERTS, --upstream-ca). */
  upstreamCa?: string[];
  /** Hosts whose upstream certificates are not verified (--insecure-upstream). */
  insecureUpstream?: string[];
  distDir?: string;
  recordingsDir?: string;
  log?: (line: string) => void;
}

export interface Stack {
  ca: LocalCa;
  proxy: CaptureProxy;
  session: LiveSession;
  inspector?: InspectorServer;
  sampleWorld?: SampleWorld;
  token: string;
  urls: { name: string; url: string }[];
  close(): Promise<void>;
}

/** Both ports first: a taken port should cost nothing (no CA, no empty session, no sample world started). */
async function assertPortsFree(options: StackOptions): Promise<void> {
  await assertPortFree(options.host ?? '127.0.0.1', options.port ?? 8080, '--port');
  if (options.inspectorPort !== null)
    await assertPortFree('127.0.0.1', options.inspectorPort ?? 8081, '--inspector-port');
}

/** Warns once on stderr when the journal cannot be written; capture goes on. */
function journalErrorReporter(): (error: Error, path: string) => void {
  let warned = false;
  return (error, path) => {
    if (error.name === UNSERIALIZABLE) {
      process.stderr.write(
        `Left one exchange out of the session journal ${path} (${error.message}); capture goes on.\n`,
      );
      return;
    }
    if (warned) return;
    warned = true;
    process.stderr.write(
      `Could not write the session journal ${path} (${error.message}): free some disk space or check the folder; capture goes on, but exchanges from now on may be missing from the recording.\n`,
    );
  };
}

/** The capture proxy: every finished exchange goes to the session journal, every event to the feed. */
function startProxy(
  options: StackOptions,
  ca: LocalCa,
  session: LiveSession,
  broadcast: (message: FeedMessage) => void,
  log: (line: string) => void,
): Promise<CaptureProxy> {
  /** The session each exchange in flight started in. */
  const startedIn = new Map<string, string>();
  return startCaptureProxy({
    ca,
    port: options.port ?? 8080,
    host: options.host ?? '127.0.0.1',
    ...(options.bodyCap ? { bodyCap: options.bodyCap } : {}),
    ...(options.upstreamCa ? { upstreamCa: options.upstreamCa } : {}),
    ...(options.insecureUpstream ? { insecureUpstream: options.insecureUpstream } : {}),
    log,
    onEvent(event) {
      const id = event.exchange._id;
      if (event.type === 'started') {
        startedIn.set(id, session.info.id);
        broadcast({ type: 'exchange-started', exchange: event.exchange });
        return;
      }
      // An exchange in flight when the session was reset belongs to the session it started in, not the new one.
      const sessionId = startedIn.get(id) ?? session.info.id;
      startedIn.delete(id);
      if (sessionId !== session.info.id) return session.recordFor(sessionId, event.exchange);
      session.record(event.exchange);
      broadcast(
        event.type === 'completed'
          ? { type: 'exchange-completed', exchange: event.exchange }
          : { type: 'exchange-failed', exchange: event.exchange },
      );
    },
  });
}

/** Starts the sample world on internal ports and routes its three public origins through the proxy's gateway. */
async function startWorldBehindGateway(
  options: StackOptions,
  proxy: CaptureProxy,
  dataDir: string,
  log: (line: string) => void,
): Promise<{ world: SampleWorld; appUrl: string }> {
  const startSampleWorld = await loadSampleWorld();
  const origins = gatewayOrigins(proxy.port);
  const world = await startSampleWorld({
    origins,
    listen: 'internal',
    dataDir: join(dataDir, 'sample-world'),
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.accessTokenLifetimeSeconds ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds } : {}),
    backChannelProxy: proxy.url,
    spaDistDir: SHIPPED.spaDist,
    log,
  });
  proxy.setGateway([
    { host: new URL(origins.web).host, upstream: world.upstreams.web },
    { host: new URL(origins.api).host, upstream: world.upstreams.api },
    { host: new URL(origins.login).host, upstream: world.upstreams.login },
  ]);
  return { world, appUrl: `${origins.web}/` };
}

/** What the inspector server needs from the running stack. */
interface InspectorWiring {
  token: string;
  dataDir: string;
  session: LiveSession;
  proxy: CaptureProxy;
  sampleWorld(): SampleWorld | undefined;
  sampleWorldInfo(): SampleWorldInfo | undefined;
  broadcast(message: FeedMessage): void;
}

/** The inspector's requests over the feed: switch the sample world's scenario, or start a new session. */
function feedRequestHandler(wiring: InspectorWiring): (request: FeedRequest) => Promise<void> {
  return async (request) => {
    if (request.type === 'set-scenario') {
      const sampleWorld = wiring.sampleWorld();
      if (!sampleWorld)
        throw Object.assign(new Error('No sample world is running in this proxy.'), { code: 'no-sample-world' });
      if (!isScenarioId(request.scenario))
        throw Object.assign(new Error(`There is no scenario "${request.scenario}".`), { code: 'unknown-scenario' });
      await sampleWorld.setScenario(request.scenario);
      wiring.broadcast({ type: 'scenario-changed', scenario: sampleWorld.scenario });
    } else {
      await wiring.session.reset(request.name);
      wiring.proxy.resetSequence();
      wiring.broadcast({ type: 'session-reset', session: wiring.session.info });
    }
  };
}

function startInspector(options: StackOptions, wiring: InspectorWiring): Promise<InspectorServer> {
  return startInspectorServer({
    port: options.inspectorPort ?? 8081,
    // Always loopback: the feed only accepts the inspector's own localhost origins, so --host never applies here.
    host: '127.0.0.1',
    distDir: options.distDir ?? SHIPPED.inspectorDist,
    recordingsDir: options.recordingsDir ?? SHIPPED.recordings,
    token: wiring.token,
    ...(options.extraOrigins ? { extraOrigins: options.extraOrigins } : {}),
    sessions: {
      dataDir: wiring.dataDir,
      liveId: () => wiring.session.info.id,
      flushed: () => wiring.session.flushed(),
    },
    source: {
      session: () => wiring.session.info,
      history: () => wiring.session.historyWindow(),
      sampleWorld: wiring.sampleWorldInfo,
    },
    onRequest: feedRequestHandler(wiring),
  });
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  await assertPortsFree(options);
  const paths = inspectorPaths(options.env ?? process.env, options.dataDir ? { dataDir: options.dataDir } : {});
  const log = options.log ?? (() => undefined);
  const ca = await openLocalCa(join(paths.configDir, 'ca'));
  const session = await LiveSession.start({
    dataDir: paths.dataDir,
    onJournalError: journalErrorReporter(),
    ...(options.sessionName ? { name: options.sessionName } : {}),
    ...(options.memoryCap ? { memoryCap: options.memoryCap } : {}),
  });
  const token = await loadFeedToken(paths.configDir);
  let inspector: InspectorServer | undefined;
  let sampleWorld: SampleWorld | undefined;
  const urls: { name: string; url: string }[] = [];
  const broadcast = (message: FeedMessage) => inspector?.feed.broadcast(message);
  const proxy = await startProxy(options, ca, session, broadcast, log);

  const cleanup: (() => Promise<void>)[] = [() => proxy.close()];
  const close = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    session.close();
  };
  try {
    if (options.sampleWorld) {
      const started = await startWorldBehindGateway(options, proxy, paths.dataDir, log);
      sampleWorld = started.world;
      cleanup.push(() => started.world.close());
      urls.push({ name: 'Sample app', url: started.appUrl });
    }
    if (options.inspectorPort !== null) {
      const sampleWorldInfo = (): SampleWorldInfo | undefined =>
        sampleWorld
          ? {
              scenario: sampleWorld.scenario,
              scenarios: sampleWorld.scenarios,
              urls: urls.filter((u) => u.name !== 'Inspector'),
            }
          : undefined;
      const started = await startInspector(options, {
        token,
        dataDir: paths.dataDir,
        session,
        proxy,
        sampleWorld: () => sampleWorld,
        sampleWorldInfo,
        broadcast,
      });
      inspector = started;
      cleanup.push(() => started.close());
      urls.push({ name: 'Inspector', url: started.url });
    }
  } catch (err) {
    await close();
    throw err;
  }
  urls.push({ name: 'Proxy', url: proxy.url });
  return {
    ca,
    proxy,
    session,
    ...(inspector ? { inspector } : {}),
    ...(sampleWorld ? { sampleWorld } : {}),
    token,
    urls,
    close,
  };
}
