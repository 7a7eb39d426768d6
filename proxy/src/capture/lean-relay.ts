// One HTTP request relayed as http-mitm-proxy relays it, hooks and all, minus its per-request allocations.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { Proxy, type IContext } from 'http-mitm-proxy';
import { ProxyFinalRequestFilter } from 'http-mitm-proxy/dist/lib/ProxyFinalRequestFilter.js';
import { ProxyFinalResponseFilter } from 'http-mitm-proxy/dist/lib/ProxyFinalResponseFilter.js';

/**
 * The library's `_onHttpServerRequest` builds, for every request, a context with thirteen closures and twelve
 * arrays, a uuid from a userland generator, four bound error handlers, and two pass-through filter objects that it
 * `pipe()`s the bodies through (each pipe adds and later removes half a dozen listeners). This relay keeps the
 * library's order of hooks, its header handling and its error kinds, with the context's methods on a prototype, its
 * handler lists shared and empty until a hook adds one, and bodies forwarded by plain listeners when no filter was
 * added (with a filter, the library's own pipe). Without a filter it also honours backpressure, which the library's
 * final filters never do: a slow reader pauses the side that feeds it, so a large body never piles up in the proxy's
 * memory; a reader that goes away stops the feeding side too (see forwardBody).
 *
 * The handler lists a context starts with are one shared, frozen empty array: hooks add handlers through the context's
 * methods (onResponseData(…), use(…)), as the library's API says; pushing onto a list directly throws.
 */

type Callback = (err?: Error | null) => void;
type DataCallback = (err: Error | null, chunk?: unknown) => void;

/** The parts of the proxy the relay drives: the library's hook runners, as QuietProxy overrides them. */
export interface RelayProxy {
  keepAlive: boolean;
  responseContentPotentiallyModified: boolean;
  options: { forceChunkedRequest?: boolean };
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
  connectRequests: Record<string, IncomingMessage>;
  _onError(kind: string, ctx: IContext | null, err: Error): void;
  _onRequest(ctx: IContext, callback: Callback): void;
  _onRequestHeaders(ctx: IContext, callback: Callback): void;
  _onRequestData(ctx: IContext, chunk: unknown, callback: DataCallback): void;
  _onRequestEnd(ctx: IContext, callback: Callback): void;
  _onResponse(ctx: IContext, callback: Callback): void;
  _onResponseHeaders(ctx: IContext, callback: Callback): void;
  _onResponseData(ctx: IContext, chunk: unknown, callback: DataCallback): void;
  _onResponseEnd(ctx: IContext, callback: Callback): void;
}

/** The empty handler list every context starts with; the first handler a hook adds replaces it with a list of its own. */
const NONE: readonly never[] = Object.freeze([]);

type Lists = 'onRequestHandlers' | 'onErrorHandlers' | 'onRequestDataHandlers' | 'onResponseHeadersHandlers';
type MoreLists = 'onRequestHeadersHandlers' | 'onRequestEndHandlers' | 'onResponseHandlers';
type LastLists = 'onResponseDataHandlers' | 'onResponseEndHandlers' | 'requestFilters' | 'responseFilters';
type ListName = Lists | MoreLists | LastLists;

/** A request's context, shaped as the library's (IContext), so every hook of the library and ours reads it alike. */
class RelayContext {
  uuid = randomUUID();
  serverToProxyResponse: IncomingMessage | undefined = undefined;
  proxyToServerRequestOptions: IContext['proxyToServerRequestOptions'] = undefined;
  proxyToServerRequest: http.ClientRequest | undefined = undefined;
  responseContentPotentiallyModified = false;
  onRequestHandlers: unknown[] = NONE as never;
  onErrorHandlers: unknown[] = NONE as never;
  onRequestDataHandlers: unknown[] = NONE as never;
  onResponseHeadersHandlers: unknown[] = NONE as never;
  onRequestHeadersHandlers: unknown[] = NONE as never;
  onRequestEndHandlers: unknown[] = NONE as never;
  onResponseHandlers: unknown[] = NONE as never;
  onResponseDataHandlers: unknown[] = NONE as never;
  onResponseEndHandlers: unknown[] = NONE as never;
  requestFilters: unknown[] = NONE as never;
  responseFilters: unknown[] = NONE as never;

  constructor(
    readonly isSSL: boolean,
    readonly clientToProxyRequest: IncomingMessage,
    readonly proxyToClientResponse: ServerResponse,
    readonly connectRequest: IncomingMessage | undefined,
  ) {}

  private add(list: ListName, item: unknown): this {
    if ((this[list] as readonly unknown[]) === NONE) this[list] = [];
    this[list].push(item);
    return this;
  }

  onRequest(fn: unknown) {
    return this.add('onRequestHandlers', fn);
  }
  onError(fn: unknown) {
    return this.add('onErrorHandlers', fn);
  }
  onRequestData(fn: unknown) {
    return this.add('onRequestDataHandlers', fn);
  }
  onRequestHeaders(fn: unknown) {
    return this.add('onRequestHeadersHandlers', fn);
  }
  onResponseHeaders(fn: unknown) {
    return this.add('onResponseHeadersHandlers', fn);
  }
  onRequestEnd(fn: unknown) {
    return this.add('onRequestEndHandlers', fn);
  }
  addRequestFilter(filter: unknown) {
    return this.add('requestFilters', filter);
  }
  onResponse(fn: unknown) {
    return this.add('onResponseHandlers', fn);
  }
  onResponseData(fn: unknown) {
    this.responseContentPotentiallyModified = true;
    return this.add('onResponseDataHandlers', fn);
  }
  onResponseEnd(fn: unknown) {
    return this.add('onResponseEndHandlers', fn);
  }
  addResponseFilter(filter: unknown) {
    this.responseContentPotentiallyModified = true;
    return this.add('responseFilters', filter);
  }
  use(mod: Record<string, unknown>) {
    if (mod.onError) this.onError(mod.onError);
    if (mod.onRequest) this.onRequest(mod.onRequest);
    if (mod.onRequestHeaders) this.onRequestHeaders(mod.onRequestHeaders);
    if (mod.onRequestData) this.onRequestData(mod.onRequestData);
    if (mod.onResponse) this.onResponse(mod.onResponse);
    if (mod.onResponseData) this.onResponseData(mod.onResponseData);
    return this;
  }
}

/**
 * Forwards `from`'s body into `to` through a hook for each chunk and one for the end, pausing `from` while `to`
 * cannot take more; `fail` reports failures of the hooks under the library's error kinds. When `to` closes before it
 * finished (the client left mid-response, the upstream dropped an upload), no 'drain' will come: `whenGone` says
 * whether `from` is then destroyed (an upstream response nobody reads any more) or read to its end and dropped (a
 * client's request body, whose connection may still carry the answer).
 */
function forwardBody(
  from: Readable,
  to: Writable,
  onData: (chunk: Buffer, next: DataCallback) => void,
  onEnd: (next: Callback) => void,
  fail: (kind: 'data' | 'end', err: Error) => void,
  whenGone: 'destroy' | 'drop',
): void {
  let gone = false;
  to.once('close', () => {
    if (to.writableFinished) return;
    gone = true;
    if (whenGone === 'destroy') from.destroy();
    else from.resume();
  });
  from.on('data', (chunk: Buffer) =>
    onData(chunk, (err, out) => {
      if (err) return fail('data', err);
      if (out && !gone && !to.write(out as Buffer)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    }),
  );
  from.on('end', () => onEnd((err) => (err ? fail('end', err) : gone ? undefined : void to.end())));
}

/** Pipes `from` through the filters hooks added, as the library does, ending in its final filter. */
function pipeThrough(proxy: RelayProxy, ctx: IContext, from: Readable, filters: unknown[], kind: string): void {
  let previous: Readable = from;
  for (const filter of filters as Readable[]) {
    filter.on('error', (err: Error) => proxy._onError(kind, ctx, err));
    previous = previous.pipe(filter as unknown as Writable) as unknown as Readable;
  }
}

function sendRequestUpstream(proxy: RelayProxy, ctx: IContext): void {
  const options = ctx.proxyToServerRequestOptions!;
  const upstream = (ctx.isSSL ? https : http).request(options as http.RequestOptions, (response) =>
    relayResponse(proxy, ctx, response),
  );
  ctx.proxyToServerRequest = upstream;
  upstream.on('error', (err) => proxy._onError('PROXY_TO_SERVER_REQUEST_ERROR', ctx, err));
  const client = ctx.clientToProxyRequest;
  if (ctx.requestFilters.length > 0) {
    ctx.requestFilters.push(new ProxyFinalRequestFilter(proxy as never, ctx));
    pipeThrough(proxy, ctx, client, ctx.requestFilters, 'REQUEST_FILTER_ERROR');
  } else {
    forwardBody(
      client,
      upstream,
      (chunk, next) => proxy._onRequestData(ctx, chunk, next),
      (next) => proxy._onRequestEnd(ctx, next),
      (kind, err) => proxy._onError(kind === 'data' ? 'ON_REQUEST_DATA_ERROR' : 'ON_REQUEST_END_ERROR', ctx, err),
      'drop',
    );
  }
  client.resume();
}

function relayResponse(proxy: RelayProxy, ctx: IContext, response: IncomingMessage): void {
  response.on('error', (err) => proxy._onError('SERVER_TO_PROXY_RESPONSE_ERROR', ctx, err));
  response.pause();
  ctx.serverToProxyResponse = response;
  proxy._onResponse(ctx, (err) => {
    if (err) return proxy._onError('ON_RESPONSE_ERROR', ctx, err);
    const answer = ctx.serverToProxyResponse!;
    if (proxy.responseContentPotentiallyModified || ctx.responseContentPotentiallyModified) {
      answer.headers['transfer-encoding'] = 'chunked';
      delete answer.headers['content-length'];
    }
    if (!proxy.keepAlive) answer.headers.connection = 'close';
    else if (ctx.clientToProxyRequest.headers['proxy-connection']) {
      answer.headers['proxy-connection'] = 'keep-alive';
      answer.headers.connection = 'keep-alive';
    }
    proxy._onResponseHeaders(ctx, (err) => {
      if (err) return proxy._onError('ON_RESPONSEHEADERS_ERROR', ctx, err);
      const client = ctx.proxyToClientResponse;
      client.writeHead(answer.statusCode!, Proxy.filterAndCanonizeHeaders(answer.headers) as http.OutgoingHttpHeaders);
      if (ctx.responseFilters.length > 0) {
        ctx.responseFilters.push(new ProxyFinalResponseFilter(proxy as never, ctx));
        pipeThrough(proxy, ctx, answer, ctx.responseFilters, 'RESPONSE_FILTER_ERROR');
      } else {
        forwardBody(
          answer,
          client,
          (chunk, next) => proxy._onResponseData(ctx, chunk, next),
          (next) => proxy._onResponseEnd(ctx, next),
          (kind, err) => proxy._onError(kind === 'data' ? 'ON_RESPONSE_DATA_ERROR' : 'ON_RESPONSE_END_ERROR', ctx, err),
          'destroy',
        );
      }
      answer.resume();
    });
  });
}

/** Request headers for the upstream: the client's, minus those addressed to the proxy (Proxy-*). */
function upstreamHeaders(proxy: RelayProxy, request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in request.headers) {
    // Node gives header names in lower case.
    if (!name.startsWith('proxy-')) headers[name] = request.headers[name] as string;
  }
  if (proxy.options.forceChunkedRequest) delete headers['content-length'];
  return headers;
}

/** Relays one request the client sent the proxy (plain, or inside an intercepted TLS tunnel). */
export function relayRequest(proxy: RelayProxy, isSSL: boolean, request: IncomingMessage, res: ServerResponse): void {
  const socket = request.socket;
  const tunnel = proxy.connectRequests[`${socket.remotePort}:${socket.localPort}`];
  const ctx = new RelayContext(isSSL, request, res, tunnel) as unknown as IContext;
  request.on('error', (err) => proxy._onError('CLIENT_TO_PROXY_REQUEST_ERROR', ctx, err));
  res.on('error', (err) => proxy._onError('PROXY_TO_CLIENT_RESPONSE_ERROR', ctx, err));
  request.pause();
  const target = Proxy.parseHostAndPort(request, isSSL ? 443 : 80);
  if (target === null) {
    request.resume();
    res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('Bad request: Host missing...', 'utf-8');
    return;
  }
  ctx.proxyToServerRequestOptions = {
    method: request.method!,
    path: request.url!,
    host: target.host,
    port: target.port,
    headers: upstreamHeaders(proxy, request),
    agent: isSSL ? proxy.httpsAgent : proxy.httpAgent,
  };
  proxy._onRequest(ctx, (err) => {
    if (err) return proxy._onError('ON_REQUEST_ERROR', ctx, err);
    proxy._onRequestHeaders(ctx, (err) => {
      if (err) return proxy._onError('ON_REQUESTHEADERS_ERROR', ctx, err);
      sendRequestUpstream(proxy, ctx);
    });
  });
}
