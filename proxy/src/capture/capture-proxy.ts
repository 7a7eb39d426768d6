// The capture proxy: http-mitm-proxy as forward proxy + gateway, tapping traffic passively into exchanges.
import { Agent as HttpAgent } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { LocalCa } from '../ca/local-ca.ts';
import { assertPortFree } from '../port-check.ts';
import type { CaptureEvent, CaptureState } from './capture-state.ts';
import { onConnect } from './connect-hook.ts';
import { Gateway, type GatewayRoute } from './gateway.ts';
import { onError, onRequest, onResponse, responseTap } from './http-hooks.ts';
import { startIdleSweep } from './idle-sweep.ts';
import { QuietProxy, silenceLibraryChatter } from './mitm-adapter.ts';
import { upstreamTrust } from './upstream-trust.ts';
import { onWebSocketConnection, onWebSocketError, upgradeGuard } from './websocket-hook.ts';

export type { CaptureEvent } from './capture-state.ts';
export type { GatewayRoute } from './gateway.ts';
export { silenceLibraryChatter } from './mitm-adapter.ts';

export interface CaptureProxyOptions {
  ca: LocalCa;
  port?: number;
  /** Loopback by default (GUIDE §3.8). */
  host?: string;
  /** Bodies above this many bytes are cut in the record (never for the client). Default 1 MiB. */
  bodyCap?: number;
  upstreamTimeoutMs?: number;
  gateway?: GatewayRoute[];
  onEvent?: (event: CaptureEvent) => void;
  /** Host names whose certificates are signed ahead of the first request (default: localhost, 127.0.0.1). */
  prewarmHosts?: string[];
  /** Extra CA certificates (PEM) trusted for upstream HTTPS, besides Node's roots and our own CA. */
  upstreamCa?: string[];
  /** Host names whose upstream certificates are not verified; their exchanges carry `_insecureUpstream`. */
  insecureUpstream?: string[];
  /** Called for proxy-internal problems that are not tied to an exchange. */
  log?: (line: string) => void;
}

export interface CaptureProxy {
  port: number;
  host: string;
  /** `http://host:port`, what to put in HTTP(S)_PROXY or --proxy-server. */
  url: string;
  setGateway(routes: GatewayRoute[]): void;
  /** Starts numbering exchanges again (a new session). */
  resetSequence(): void;
  close(): Promise<void>;
}

function clientAddress(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Certificates come from the local CA, never from files the library would read without checking them. */
function useLocalCa(proxy: QuietProxy, ca: LocalCa): void {
  // No file names for the library: it would read a cached certificate from disk without checking its issuer or
  // expiry. With none, it always asks onCertificateMissing, where the local CA checks (and caches in memory) each one.
  proxy.onCertificateRequired = (hostname, callback) =>
    callback(null, { keyFile: '', certFile: '', hosts: [hostname] });
  proxy.onCertificateMissing = (ctx, _files, callback) => {
    const hosts = ctx.files.hosts?.length ? ctx.files.hosts : [ctx.hostname];
    ca.certificateFor(hosts).then(
      // The CA certificate goes with the leaf: clients that pin it by its key (Chromium's
      // --ignore-certificate-errors-spki-list, as `oauth-inspector browser` does) only look at the chain presented.
      (pem) =>
        callback(null, {
          certFileData: `${pem.trimEnd()}\n${ca.caCertPem.trimEnd()}\n`,
          keyFileData: ca.leafKeyPem,
          hosts,
        }),
      (err: Error) => callback(err),
    );
  };
}

function captureState(options: CaptureProxyOptions, run: { id: string; seq: number }): CaptureState {
  const gateway = new Gateway();
  gateway.set(options.gateway ?? []);
  return {
    bodyCap: options.bodyCap ?? 1024 * 1024,
    emit: options.onEvent ?? (() => undefined),
    log: options.log ?? (() => undefined),
    gateway,
    active: new Set(),
    nextId: () => {
      const seq = run.seq++;
      return { id: `${run.id}-${seq}`, seq };
    },
    httpAgent: new HttpAgent({ keepAlive: true }),
    trust: upstreamTrust({
      localCaPem: options.ca.caCertPem,
      ...(options.upstreamCa ? { upstreamCa: options.upstreamCa } : {}),
      ...(options.insecureUpstream ? { insecureUpstream: options.insecureUpstream } : {}),
    }),
    toldTlsFailures: new Set(),
  };
}

export async function startCaptureProxy(options: CaptureProxyOptions): Promise<CaptureProxy> {
  silenceLibraryChatter();
  const host = options.host ?? '127.0.0.1';
  const run = { id: randomBytes(4).toString('hex'), seq: 0 };
  const state = captureState(options, run);
  const { ca } = options;
  const { httpAgent } = state;
  const httpsAgent = state.trust.verified;
  const proxy = new QuietProxy();
  useLocalCa(proxy, ca);
  proxy.onConnect(onConnect(state));
  proxy.onRequest(onRequest(state));
  proxy.onResponse(onResponse(state));
  proxy.onError(onError(state));
  proxy.onWebSocketConnection(onWebSocketConnection(state));
  proxy.onWebSocketError(onWebSocketError(state));
  proxy.upgradeGuard = upgradeGuard(state);
  proxy.responseTap = responseTap;
  const stopSweep = startIdleSweep(state.active, options.upstreamTimeoutMs ?? 30_000);

  await assertPortFree(host, options.port ?? 8080);
  await new Promise<void>((resolve, reject) => {
    proxy.listen(
      { host, port: options.port ?? 8080, keepAlive: true, sslCaDir: ca.dir, httpAgent, httpsAgent },
      (err?: Error | null) => {
        if (err) reject(err);
        else resolve();
      },
    );
  });
  for (const name of options.prewarmHosts ?? ['localhost', '127.0.0.1'])
    void ca.certificateFor([name]).catch(() => undefined);
  // The upstream trust store, once the caller has printed its URLs: a first HTTPS request then finds it ready.
  setTimeout(() => state.trust.warm(), 200).unref();
  const server = proxy.httpServer!;
  server.on('error', (err) => state.log(`proxy: ${err.message}`));
  const port = proxy.httpPort;
  return {
    port,
    host,
    url: `http://${clientAddress(host)}:${port}`,
    setGateway: (routes) => state.gateway.set(routes),
    resetSequence() {
      run.id = randomBytes(4).toString('hex');
      run.seq = 0;
    },
    async close() {
      stopSweep();
      const servers = [server, ...Object.values(proxy.sslServers).map((s) => s.server)].filter((s) => s !== undefined);
      const unique = [...new Set(servers)];
      proxy.close();
      for (const s of unique) s.closeAllConnections?.();
      httpAgent.destroy();
      httpsAgent.destroy();
      state.trust.insecure.destroy();
      await Promise.all(unique.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()))));
    },
  };
}
