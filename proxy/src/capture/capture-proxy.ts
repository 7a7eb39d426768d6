// The capture proxy: http-mitm-proxy as forward proxy + gateway, tapping traffic passively into exchanges.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import { randomBytes } from 'node:crypto';
import { Proxy } from 'http-mitm-proxy';
import type { IContext, IWebSocketContext } from 'http-mitm-proxy';
import type { Exchange, ExchangeError } from '@oauth-inspector/core';
import type { LocalCa } from '../ca/local-ca.ts';
import { assertPortFree } from '../port-check.ts';
import { BodyTap } from './body-tap.ts';
import { channelOf } from './channel.ts';
import { classifyFailure, failurePage } from './failure-page.ts';
import { findHeader, headersFromRaw, postData, queryString, requestCookies, responseCookies, responseContent } from './har-build.ts';

/** One of the sample's origins as the browser names it (`web.localhost:8080`) and where it really runs. */
export interface GatewayRoute {
  host: string;
  upstream: string;
}

export type CaptureEvent =
  | { type: 'started'; exchange: Exchange }
  | { type: 'completed'; exchange: Exchange }
  | { type: 'failed'; exchange: Exchange };

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
  /** Extra CA certificates (PEM) trusted for upstream HTTPS, besides the public roots and our own CA. */
  upstreamCa?: string[];
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

const ORIGINAL_URL = Symbol('originalUrl');
type TaggedRequest = IncomingMessage & { [ORIGINAL_URL]?: string };

/** What http-mitm-proxy reports on console.debug for routine events (a new HTTPS host, a reset socket). */
const LIBRARY_CHATTER = /^(starting server for |https server started (for|on) |creating SNI context for |Got ECONNRESET on )/;
const FILTERED = Symbol('oauthInspectorFiltered');

/**
 * http-mitm-proxy logs every new HTTPS host with console.debug, which cluttered `npm start` and test output. We
 * cannot hand it a logger, so wrap console.debug once to drop exactly those messages and pass everything else on.
 */
export function silenceLibraryChatter(): void {
  const current = console.debug as typeof console.debug & { [FILTERED]?: true };
  if (current[FILTERED]) return;
  const filtered = Object.assign(
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && LIBRARY_CHATTER.test(args[0])) return;
      current.apply(console, args);
    },
    { [FILTERED]: true as const },
  );
  console.debug = filtered;
}

/** http-mitm-proxy, minus its console logging and its bare 504 answers: failures are recorded by our handlers. */
class QuietProxy extends Proxy {
  override _onHttpServerRequest(isSSL: boolean, req: IncomingMessage, res: ServerResponse): void {
    // parseHostAndPort rewrites req.url to origin-form; keep what the client actually sent.
    (req as TaggedRequest)[ORIGINAL_URL] = req.url ?? '/';
    super._onHttpServerRequest(isSSL, req, res);
  }

  // http-mitm-proxy runs every hook list through async.forEach (plus an array concat) for every request and every
  // body chunk, even when the list is empty. With no handler it calls back synchronously with the chunk unchanged;
  // these overrides do exactly that without the allocation, and hand anything else to the library.
  override _onRequestData(ctx: IContext, chunk: unknown, callback: (err: Error | null, chunk?: unknown) => void): void {
    if (this.onRequestDataHandlers.length === 0 && ctx.onRequestDataHandlers.length === 0) callback(null, chunk);
    else super._onRequestData(ctx, chunk, callback);
  }

  override _onResponseData(ctx: IContext, chunk: unknown, callback: (err: Error | null, chunk?: unknown) => void): void {
    if (this.onResponseDataHandlers.length === 0 && ctx.onResponseDataHandlers.length === 0) callback(null, chunk);
    else super._onResponseData(ctx, chunk, callback as never);
  }

  override _onRequestEnd(ctx: IContext, callback: (err?: Error | null) => void): void {
    if (this.onRequestEndHandlers.length === 0 && ctx.onRequestEndHandlers.length === 0) callback(null);
    else super._onRequestEnd(ctx, callback);
  }

  override _onResponseEnd(ctx: IContext, callback: (err?: Error | null) => void): void {
    if (this.onResponseEndHandlers.length === 0 && ctx.onResponseEndHandlers.length === 0) callback(null);
    else super._onResponseEnd(ctx, callback);
  }

  // Our own hooks are registered once on the proxy (onRequest, onResponse): call the single one directly.
  override _onRequest(ctx: IContext, callback: (err?: Error | null) => void): void {
    const only = this.onRequestHandlers.length === 1 && ctx.onRequestHandlers.length === 0 ? this.onRequestHandlers[0] : undefined;
    if (only) only(ctx, callback);
    else super._onRequest(ctx, callback);
  }

  override _onResponse(ctx: IContext, callback: (err?: Error | null) => void): void {
    const only = this.onResponseHandlers.length === 1 && ctx.onResponseHandlers.length === 0 ? this.onResponseHandlers[0] : undefined;
    if (only) only(ctx, callback);
    else super._onResponse(ctx, callback);
  }

  override _onRequestHeaders(ctx: IContext, callback: (err?: Error | null) => void): void {
    if (this.onRequestHeadersHandlers.length === 0) callback(null);
    else super._onRequestHeaders(ctx, callback);
  }

  override _onResponseHeaders(ctx: IContext, callback: (err?: Error | null) => void): void {
    if (this.onResponseHeadersHandlers.length === 0) callback(null);
    else super._onResponseHeaders(ctx, callback);
  }

  override _onError(kind: string, ctx: IContext | null, err: Error): void {
    for (const handler of this.onErrorHandlers) handler(ctx, err, kind);
    if (!ctx) return;
    const res = ctx.proxyToClientResponse;
    if (res && !res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Proxy error (${kind}).\n`);
    } else if (res && !res.writableEnded) {
      res.destroy();
    }
  }
}

/** Milliseconds rounded to the microsecond. */
function micros(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function normalizeHost(host: string): string {
  return host.toLowerCase();
}

function clientAddress(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

interface Pending {
  ctx: IContext;
  exchange: Exchange;
  t0: number;
  tSent?: number;
  tHeaders?: number;
  requestTap: BodyTap;
  /** performance.now() of the last byte moved in either direction, for the upstream idle timeout. */
  lastActivity: number;
  /** The upstream response has ended: nothing left to time out. */
  upstreamDone: boolean;
  done: boolean;
}

/** The exchange being built for a request, kept on http-mitm-proxy's context object (cheaper than a WeakMap). */
const PENDING = Symbol('pending');
type CaptureContext = IContext & { [PENDING]?: Pending };

/** A request carries a body when it declares one (RFC 9112 §6.3): Content-Length above zero or Transfer-Encoding. */
function hasBody(headers: IncomingMessage['headers']): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export async function startCaptureProxy(options: CaptureProxyOptions): Promise<CaptureProxy> {
  silenceLibraryChatter();
  const host = options.host ?? '127.0.0.1';
  const bodyCap = options.bodyCap ?? 1024 * 1024;
  const timeoutMs = options.upstreamTimeoutMs ?? 30_000;
  const emit = options.onEvent ?? (() => undefined);
  const log = options.log ?? (() => undefined);
  let routes = new Map<string, URL>();
  const setGateway = (list: GatewayRoute[]) => {
    routes = new Map(list.map((r) => [normalizeHost(r.host), new URL(r.upstream)]));
  };
  setGateway(options.gateway ?? []);
  let runId = randomBytes(4).toString('hex');
  let seq = 0;

  const proxy = new QuietProxy();
  const ca = options.ca;
  // The proxy trusts the public roots plus its own CA (so local HTTPS servers signed by it can be reached). Built
  // once: given as `ca`, Node would parse the ~150 root certificates again for every new upstream TLS connection
  // (about 27 ms here), which made up most of the time to first byte of a new HTTPS host.
  const upstreamTrust = createSecureContext({ ca: [...rootCertificates, ca.caCertPem, ...(options.upstreamCa ?? [])] });
  const httpsAgent = new HttpsAgent({ keepAlive: true, secureContext: upstreamTrust });
  const httpAgent = new HttpAgent({ keepAlive: true });

  // No file names for the library: it would read a cached certificate from disk without checking its issuer or
  // expiry. With none, it always asks onCertificateMissing, where the local CA checks (and caches in memory) each one.
  proxy.onCertificateRequired = (hostname, callback) => callback(null, { keyFile: '', certFile: '', hosts: [hostname] });
  proxy.onCertificateMissing = (ctx, _files, callback) => {
    const hosts = ctx.files.hosts?.length ? ctx.files.hosts : [ctx.hostname];
    ca.certificateFor(hosts).then(
      // The CA certificate goes with the leaf: clients that pin it by its key (Chromium's
      // --ignore-certificate-errors-spki-list, as `oauth-inspector browser` does) only look at the chain presented.
      (pem) => callback(null, { certFileData: `${pem.trimEnd()}\n${ca.caCertPem.trimEnd()}\n`, keyFileData: ca.leafKeyPem, hosts }),
      (err: Error) => callback(err),
    );
  };

  /** Exchanges not finished yet, swept for the upstream idle timeout. */
  const active = new Set<Pending>();
  // One coarse timer for every exchange instead of a socket timeout per request: a socket timeout re-arms a timer on
  // every read and write, which showed up as a few percent of the proxy's CPU under load.
  const sweep = setInterval(
    () => {
      const now = performance.now();
      for (const pending of active) {
        const upstream = pending.ctx.proxyToServerRequest;
        if (pending.upstreamDone || !upstream || now - pending.lastActivity <= timeoutMs) continue;
        pending.upstreamDone = true;
        upstream.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      }
    },
    Math.max(10, Math.min(1000, Math.floor(timeoutMs / 8))),
  );
  sweep.unref();

  function finish(pending: Pending, state: 'complete' | 'failed', error?: ExchangeError): void {
    if (pending.done) return;
    pending.done = true;
    active.delete(pending);
    const now = performance.now();
    const ex = pending.exchange;
    const tSent = pending.tSent ?? now;
    const tHeaders = pending.tHeaders ?? now;
    // Microsecond precision is plenty for HAR timings (milliseconds), and short numbers serialize several times
    // faster than the full doubles performance.now() yields: a quarter of the journal's JSON.stringify time here.
    const send = micros(Math.max(0, tSent - pending.t0));
    const wait = micros(Math.max(0, tHeaders - tSent));
    const receive = pending.tHeaders === undefined ? 0 : micros(Math.max(0, now - tHeaders));
    ex.timings = { blocked: -1, dns: -1, connect: -1, ssl: -1, send, wait, receive };
    ex.time = micros(send + wait + receive);
    ex._state = state;
    const requestPost = postData(ex.request.headers, pending.requestTap);
    if (requestPost) ex.request.postData = requestPost;
    ex.request.bodySize = pending.requestTap.total;
    if (pending.requestTap.truncated) ex._truncated = { ...(ex._truncated ?? { limit: bodyCap }), request: true };
    if (error) ex._error = error;
    emit({ type: state === 'complete' ? 'completed' : 'failed', exchange: ex });
  }

  proxy.onRequest((ctx, callback) => {
    const req = ctx.clientToProxyRequest as TaggedRequest;
    const res = ctx.proxyToClientResponse;
    const target = ctx.proxyToServerRequestOptions!;
    const originalUrl = req[ORIGINAL_URL] ?? req.url ?? '/';
    const authority = `${target.host}:${target.port ?? (ctx.isSSL ? 443 : 80)}`;
    const originForm = originalUrl.startsWith('/');
    const tunneled = ctx.isSSL || Boolean(ctx.connectRequest);
    const route = ctx.isSSL ? undefined : routes.get(normalizeHost(authority));
    const viaGateway = Boolean(route) && originForm && !tunneled;
    if (!route && originForm && !tunneled) {
      // An origin-form request for a host we don't front is addressed to the proxy itself: don't loop.
      req.resume();
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        `This is the OAuth Inspector proxy. Use it as an HTTP(S) proxy, or open one of the sample's origins: ${[...routes.keys()].map((h) => `http://${h}/`).join(', ') || '(none running)'}\n`,
      );
      return;
    }
    if (route) {
      target.host = route.hostname;
      target.port = Number(route.port || 80);
      target.agent = httpAgent;
    } else {
      target.agent = ctx.isSSL ? httpsAgent : httpAgent;
    }
    const hostHeader = req.headers.host ?? authority;
    const url = `${ctx.isSSL ? 'https' : 'http'}://${hostHeader}${req.url ?? '/'}`;
    const headers = headersFromRaw(req.rawHeaders);
    const n = seq++;
    const exchange: Exchange = {
      _id: `${runId}-${n}`,
      _seq: n,
      _channel: channelOf({ viaGateway, viaForwardProxy: !viaGateway, headers: req.headers }),
      _via: viaGateway ? 'gateway' : 'forward-proxy',
      _state: 'pending',
      startedDateTime: new Date().toISOString(),
      time: 0,
      request: {
        method: req.method ?? 'GET',
        url,
        httpVersion: `HTTP/${req.httpVersion}`,
        headers,
        queryString: queryString(url),
        cookies: requestCookies(headers),
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 0,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: [],
        cookies: [],
        content: { size: 0, mimeType: '' },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
    };
    const t0 = performance.now();
    const pending: Pending = { ctx, exchange, t0, requestTap: new BodyTap(bodyCap), lastActivity: t0, upstreamDone: false, done: false };
    (ctx as CaptureContext)[PENDING] = pending;
    active.add(pending);
    if (hasBody(req.headers)) {
      req.on('data', (chunk: Buffer) => {
        pending.requestTap.add(chunk);
        pending.lastActivity = performance.now();
      });
      req.on('end', () => {
        pending.tSent = performance.now();
      });
    } else {
      pending.tSent = t0;
    }
    res.on('close', () => {
      if (pending.done) return;
      if (res.writableFinished && pending.tHeaders !== undefined) finish(pending, 'complete');
      else finish(pending, 'failed', { code: 'client-aborted', message: 'The client closed the connection before the response was complete.' });
    });

    // Listeners serialize or copy synchronously; the object keeps changing until the exchange finishes.
    emit({ type: 'started', exchange });
    callback();
  });

  // Registered once for every request (a handler per request would cost two closures each).
  proxy.onResponse((ctx, callback) => {
    const pending = (ctx as CaptureContext)[PENDING];
    const upstream = ctx.serverToProxyResponse;
    if (!pending || !upstream) return callback();
    const exchange = pending.exchange;
    pending.tHeaders = pending.lastActivity = performance.now();
    const responseHeaders = headersFromRaw(upstream.rawHeaders);
    const responseTap = new BodyTap(bodyCap);
    exchange.response = {
      status: upstream.statusCode ?? 0,
      statusText: upstream.statusMessage ?? '',
      httpVersion: `HTTP/${upstream.httpVersion}`,
      headers: responseHeaders,
      cookies: responseCookies(responseHeaders),
      content: exchange.response.content,
      redirectURL: findHeader(responseHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: -1,
    };
    const remote = upstream.socket?.remoteAddress;
    if (remote) exchange.serverIPAddress = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
    upstream.on('data', (chunk: Buffer) => {
      responseTap.add(chunk);
      pending.lastActivity = performance.now();
    });
    upstream.on('end', () => {
      pending.upstreamDone = true;
      const { content, truncated } = responseContent(responseHeaders, responseTap);
      exchange.response.content = content;
      exchange.response.bodySize = responseTap.total;
      if (truncated) exchange._truncated = { ...(exchange._truncated ?? { limit: bodyCap }), response: true };
    });
    callback();
  });

  proxy.onError((ctx, err, kind) => {
    if (!ctx) {
      if (err && (err as NodeJS.ErrnoException).code !== 'ECONNRESET') log(`proxy: ${kind ?? 'error'}: ${err.message}`);
      return;
    }
    const pending = (ctx as CaptureContext)[PENDING];
    const res = ctx.proxyToClientResponse;
    const clientSide = kind === 'CLIENT_TO_PROXY_REQUEST_ERROR' || kind === 'PROXY_TO_CLIENT_RESPONSE_ERROR';
    if (clientSide) {
      if (pending) finish(pending, 'failed', { code: 'client-aborted', message: 'The client closed the connection before the exchange was complete.' });
      return;
    }
    const target = ctx.proxyToServerRequestOptions;
    const actual = target ? `${clientAddress(String(target.host))}:${target.port}` : '';
    const where = pending ? new URL(pending.exchange.request.url).origin : actual;
    // Through the gateway the browser's origin differs from where the request really went: name both.
    const failure = classifyFailure(err, actual && !where.endsWith(actual) ? `${where} (upstream ${actual})` : where);
    if (res && !res.headersSent) {
      const page = failurePage(failure);
      res.writeHead(failure.status, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(page),
        'cache-control': 'no-store',
        'x-oauth-inspector-error': failure.code,
      });
      res.end(page);
    } else if (res && !res.writableEnded) {
      res.destroy();
    }
    if (pending) finish(pending, 'failed', { code: failure.code, message: failure.message });
  });

  proxy.onWebSocketConnection((ctx: IWebSocketContext, callback) => {
    const opts = ctx.proxyToServerWebSocketOptions;
    if (opts?.url && !ctx.isSSL) {
      const wsUrl = new URL(opts.url);
      const route = routes.get(normalizeHost(wsUrl.host));
      if (route) {
        const retarget = new URL(wsUrl.pathname + wsUrl.search, `ws://${route.host}`);
        opts.url = retarget.toString();
        opts.agent = httpAgent;
      }
    } else if (opts) {
      opts.agent = httpsAgent;
    }
    callback();
  });
  proxy.onWebSocketError((_ctx, err) => {
    if (err) log(`proxy: websocket: ${err.message}`);
  });

  await assertPortFree(host, options.port ?? 8080);
  await new Promise<void>((resolve, reject) => {
    proxy.listen({ host, port: options.port ?? 8080, keepAlive: true, sslCaDir: ca.dir, httpAgent, httpsAgent }, (err?: Error | null) => {
      if (err) reject(err);
      else resolve();
    });
  });
  for (const name of options.prewarmHosts ?? ['localhost', '127.0.0.1']) void ca.certificateFor([name]).catch(() => undefined);
  const server = proxy.httpServer!;
  server.on('error', (err) => log(`proxy: ${err.message}`));
  const port = proxy.httpPort;
  return {
    port,
    host,
    url: `http://${clientAddress(host)}:${port}`,
    setGateway,
    resetSequence() {
      runId = randomBytes(4).toString('hex');
      seq = 0;
    },
    async close() {
      clearInterval(sweep);
      const servers = [server, ...Object.values(proxy.sslServers).map((s) => s.server)].filter((s) => s !== undefined);
      const unique = [...new Set(servers)];
      proxy.close();
      for (const s of unique) s.closeAllConnections?.();
      httpAgent.destroy();
      httpsAgent.destroy();
      await Promise.all(unique.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()))));
    },
  };
}
