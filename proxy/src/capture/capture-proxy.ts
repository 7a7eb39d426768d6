// The capture proxy: http-mitm-proxy as forward proxy + gateway, tapping traffic passively into exchanges.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
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

/** http-mitm-proxy, minus its console logging and its bare 504 answers: failures are recorded by our handlers. */
class QuietProxy extends Proxy {
  override _onHttpServerRequest(isSSL: boolean, req: IncomingMessage, res: ServerResponse): void {
    // parseHostAndPort rewrites req.url to origin-form; keep what the client actually sent.
    (req as TaggedRequest)[ORIGINAL_URL] = req.url ?? '/';
    super._onHttpServerRequest(isSSL, req, res);
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

function normalizeHost(host: string): string {
  return host.toLowerCase();
}

function clientAddress(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

interface Pending {
  exchange: Exchange;
  t0: number;
  tSent?: number;
  tHeaders?: number;
  requestTap: BodyTap;
  done: boolean;
}

export async function startCaptureProxy(options: CaptureProxyOptions): Promise<CaptureProxy> {
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
  // The proxy trusts the public roots plus its own CA (so local HTTPS servers signed by it can be reached).
  const httpsAgent = new HttpsAgent({ keepAlive: true, ca: [...rootCertificates, ca.caCertPem, ...(options.upstreamCa ?? [])] });
  const httpAgent = new HttpAgent({ keepAlive: true });

  proxy.onCertificateRequired = (hostname, callback) =>
    callback(null, { keyFile: ca.leafKeyPath, certFile: ca.certPathFor(hostname), hosts: [hostname] });
  proxy.onCertificateMissing = (ctx, _files, callback) => {
    const hosts = ctx.files.hosts?.length ? ctx.files.hosts : [ctx.hostname];
    ca.certificateFor(hosts).then(
      (pem) => callback(null, { certFileData: pem, keyFileData: ca.leafKeyPem, hosts }),
      (err: Error) => callback(err),
    );
  };

  const pendingOf = new WeakMap<IContext, Pending>();

  function finish(pending: Pending, state: 'complete' | 'failed', error?: ExchangeError): void {
    if (pending.done) return;
    pending.done = true;
    const now = performance.now();
    const ex = pending.exchange;
    const tSent = pending.tSent ?? now;
    const tHeaders = pending.tHeaders ?? now;
    const send = Math.max(0, tSent - pending.t0);
    const wait = Math.max(0, tHeaders - tSent);
    const receive = pending.tHeaders === undefined ? 0 : Math.max(0, now - tHeaders);
    ex.timings = { blocked: -1, dns: -1, connect: -1, ssl: -1, send, wait, receive };
    ex.time = send + wait + receive;
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
    const pending: Pending = { exchange, t0: performance.now(), requestTap: new BodyTap(bodyCap), done: false };
    pendingOf.set(ctx, pending);
    req.on('data', (chunk: Buffer) => pending.requestTap.add(chunk));
    req.on('end', () => {
      pending.tSent = performance.now();
    });
    res.on('close', () => {
      if (pending.done) return;
      if (res.writableFinished && pending.tHeaders !== undefined) finish(pending, 'complete');
      else finish(pending, 'failed', { code: 'client-aborted', message: 'The client closed the connection before the response was complete.' });
    });

    ctx.onRequestEnd((ctx2, cb) => {
      const upstream = ctx2.proxyToServerRequest;
      upstream?.setTimeout(timeoutMs, () => {
        upstream.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      });
      cb();
    });

    ctx.onResponse((ctx2, cb) => {
      const upstream = ctx2.serverToProxyResponse!;
      pending.tHeaders = performance.now();
      const responseHeaders = headersFromRaw(upstream.rawHeaders);
      const responseTap = new BodyTap(bodyCap);
      exchange.response = {
        ...exchange.response,
        status: upstream.statusCode ?? 0,
        statusText: upstream.statusMessage ?? '',
        httpVersion: `HTTP/${upstream.httpVersion}`,
        headers: responseHeaders,
        cookies: responseCookies(responseHeaders),
        redirectURL: findHeader(responseHeaders, 'location') ?? '',
      };
      const remote = upstream.socket?.remoteAddress;
      if (remote) exchange.serverIPAddress = remote.replace(/^::ffff:/, '');
      upstream.on('data', (chunk: Buffer) => responseTap.add(chunk));
      upstream.on('end', () => {
        exchange.response.content = responseContent(responseHeaders, responseTap);
        exchange.response.bodySize = responseTap.total;
        if (responseTap.truncated) exchange._truncated = { ...(exchange._truncated ?? { limit: bodyCap }), response: true };
      });
      cb();
    });

    // Listeners serialize or copy synchronously; the object keeps changing until the exchange finishes.
    emit({ type: 'started', exchange });
    callback();
  });

  proxy.onError((ctx, err, kind) => {
    if (!ctx) {
      if (err && (err as NodeJS.ErrnoException).code !== 'ECONNRESET') log(`proxy: ${kind ?? 'error'}: ${err.message}`);
      return;
    }
    const pending = pendingOf.get(ctx);
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
