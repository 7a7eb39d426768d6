// Starts the pieces together: session journal, capture proxy, inspector server with the feed, optionally the sample world.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeedMessage, SampleWorldInfo } from '@oauth-inspector/core';
import { openLocalCa, type LocalCa } from './ca/local-ca.ts';
import { startCaptureProxy, type CaptureProxy } from './capture/capture-proxy.ts';
import { loadFeedToken } from './feed/feed-token.ts';
import { startInspectorServer, type InspectorServer } from './inspector-server/inspector-server.ts';
import { inspectorPaths } from './paths.ts';
import { assertPortFree } from './port-check.ts';
import { gatewayOrigins, loadStartSampleWorld, type SampleWorld } from './sample-world-contract.ts';
import { LiveSession } from './session/live-session.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
  scenario?: string;
  /** Access token lifetime of the sample world, seconds (default 900). */
  accessTokenLifetimeSeconds?: number;
  extraOrigins?: string[];
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

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // Both ports first: a taken port should cost nothing (no CA, no empty session, no sample world started).
  await assertPortFree(options.host ?? '127.0.0.1', options.port ?? 8080, '--port');
  if (options.inspectorPort !== null) await assertPortFree('127.0.0.1', options.inspectorPort ?? 8081, '--inspector-port');
  const paths = inspectorPaths(options.env ?? process.env, options.dataDir ? { dataDir: options.dataDir } : {});
  const log = options.log ?? (() => undefined);
  const ca = await openLocalCa(join(paths.configDir, 'ca'));
  let journalWarned = false;
  const onJournalError = (error: Error, path: string) => {
    if (journalWarned) return;
    journalWarned = true;
    process.stderr.write(`Could not write the session journal ${path} (${error.message}): free some disk space or check the folder; capture goes on, but exchanges from now on may be missing from the recording.\n`);
  };
  const session = await LiveSession.start({ dataDir: paths.dataDir, onJournalError, ...(options.sessionName ? { name: options.sessionName } : {}), ...(options.memoryCap ? { memoryCap: options.memoryCap } : {}) });
  const token = await loadFeedToken(paths.configDir);
  let inspector: InspectorServer | undefined;
  let sampleWorld: SampleWorld | undefined;
  const urls: { name: string; url: string }[] = [];
  const broadcast = (message: FeedMessage) => inspector?.feed.broadcast(message);
  const sampleWorldInfo = (): SampleWorldInfo | undefined =>
    sampleWorld ? { scenario: sampleWorld.scenario, scenarios: sampleWorld.scenarios, urls: urls.filter((u) => u.name !== 'Inspector') } : undefined;

  const proxy = await startCaptureProxy({
    ca,
    port: options.port ?? 8080,
    host: options.host ?? '127.0.0.1',
    ...(options.bodyCap ? { bodyCap: options.bodyCap } : {}),
    log,
    onEvent(event) {
      if (event.type === 'started') {
        broadcast({ type: 'exchange-started', exchange: event.exchange });
        return;
      }
      session.record(event.exchange);
      broadcast(event.type === 'completed' ? { type: 'exchange-completed', exchange: event.exchange } : { type: 'exchange-failed', exchange: event.exchange });
    },
  });

  const cleanup: (() => Promise<void>)[] = [() => proxy.close()];
  const close = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    session.close();
  };
  try {
    if (options.sampleWorld) {
      const startSampleWorld = await loadStartSampleWorld();
      const origins = gatewayOrigins(proxy.port);
      sampleWorld = await startSampleWorld({
        origins,
        listen: 'internal',
        dataDir: join(paths.dataDir, 'sample-world'),
        ...(options.scenario ? { scenario: options.scenario } : {}),
        ...(options.accessTokenLifetimeSeconds ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds } : {}),
        backChannelProxy: proxy.url,
        log,
      });
      cleanup.push(() => sampleWorld!.close());
      proxy.setGateway([
        { host: new URL(origins.web).host, upstream: sampleWorld.upstreams.web },
        { host: new URL(origins.api).host, upstream: sampleWorld.upstreams.api },
        { host: new URL(origins.login).host, upstream: sampleWorld.upstreams.login },
      ]);
      urls.push({ name: 'Sample app', url: `${origins.web}/` });
    }
    if (options.inspectorPort !== null) {
      inspector = await startInspectorServer({
        port: options.inspectorPort ?? 8081,
        // Always loopback: the feed only accepts the inspector's own localhost origins, so --host never applies here.
        host: '127.0.0.1',
        distDir: options.distDir ?? join(REPO_ROOT, 'inspector', 'dist'),
        recordingsDir: options.recordingsDir ?? join(REPO_ROOT, 'lessons', 'recordings'),
        token,
        ...(options.extraOrigins ? { extraOrigins: options.extraOrigins } : {}),
        source: { session: () => session.info, history: () => session.historyWindow(), sampleWorld: sampleWorldInfo },
        async onRequest(request) {
          if (request.type === 'set-scenario') {
            if (!sampleWorld) throw Object.assign(new Error('No sample world is running in this proxy.'), { code: 'no-sample-world' });
            await sampleWorld.setScenario(request.scenario);
            broadcast({ type: 'scenario-changed', scenario: sampleWorld.scenario });
          } else {
            await session.reset(request.name);
            proxy.resetSequence();
            broadcast({ type: 'session-reset', session: session.info });
          }
        },
      });
      cleanup.push(() => inspector!.close());
      urls.push({ name: 'Inspector', url: inspector.url });
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
