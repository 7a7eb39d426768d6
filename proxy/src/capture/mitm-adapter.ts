// http-mitm-proxy made quiet, fast on empty hook lists, and safe: no callback of it may throw out to the process.
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Proxy } from 'http-mitm-proxy';
import type { IContext, IWebSocketContext } from 'http-mitm-proxy';
import type WebSocket from 'ws';
import { relayRequest, type RelayProxy } from './lean-relay.ts';
import { guardUpgrades, type UpgradeGuard } from './upgrade-guard.ts';

const ORIGINAL_URL = Symbol('originalUrl');
type TaggedRequest = IncomingMessage & { [ORIGINAL_URL]?: string };

/** The request-target exactly as the client sent it (the library rewrites `req.url` to origin-form). */
export function originalUrl(req: IncomingMessage): string {
  return (req as TaggedRequest)[ORIGINAL_URL] ?? req.url ?? '/';
}

/** What http-mitm-proxy reports on console.debug for routine events (a new HTTPS host, a reset socket). */
const LIBRARY_CHATTER =
  /^(starting server for |https server started (for|on) |creating SNI context for |Got ECONNRESET on )/;
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

type Callback = (err?: Error | null) => void;

/** A passive observer of response bodies; it must not throw (it runs inside the library's relay). */
export interface ResponseTap {
  data(ctx: IContext, chunk: Buffer): void;
  end(ctx: IContext): void;
}

function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/**
 * RFC 9112 §6.1: chunked transfer coding is HTTP/1.1; an HTTP/1.0 client gets a body delimited by Content-Length or
 * by the connection closing (§6.3), and no persistent connection it did not ask for in a way it understands (§9.3).
 */
function frameForHttp10(ctx: IContext): void {
  const req = ctx.clientToProxyRequest;
  const headers = ctx.serverToProxyResponse?.headers;
  if (!headers || req.httpVersionMajor !== 1 || req.httpVersionMinor !== 0) return;
  delete headers['transfer-encoding'];
  delete headers['keep-alive'];
  delete headers['proxy-connection'];
  headers.connection = 'close';
}

/** Ends a response the library left open, with `status` when nothing was sent yet. */
export function endResponse(res: ServerResponse | undefined, status: number, text: string): void {
  if (!res || res.writableEnded) return;
  try {
    if (res.headersSent) res.destroy();
    else
      res
        .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) })
        .end(text);
  } catch {
    res.destroy();
  }
}

/** http-mitm-proxy, minus its console logging and its bare 504 answers: failures are recorded by our handlers. */
export class QuietProxy extends Proxy {
  upgradeGuard: UpgradeGuard | undefined;
  /** Sees each response chunk and the response's end as the library relays them: no listeners per response. */
  responseTap: ResponseTap | undefined;

  /** Runs before the library's ws servers answer an upgrade (see upgrade-guard.ts). */
  private guardOn(server: EventEmitter, isSSL: boolean): void {
    const onError = (thrown: unknown) => this._onError('WEBSOCKET_UPGRADE_ERROR', null, asError(thrown));
    const connectRequest = (key: string) => this.connectRequests[key];
    guardUpgrades(server, { isSSL, guard: () => this.upgradeGuard, connectRequest, onError });
  }

  override listen(options: Parameters<Proxy['listen']>[0], callback?: (err?: Error | null) => void): this {
    return super.listen(options, (err?: Error | null) => {
      if (!err && this.httpServer) this.guardOn(this.httpServer, false);
      callback?.(err);
    });
  }

  override _createHttpsServer(...[options, callback]: Parameters<Proxy['_createHttpsServer']>): void {
    super._createHttpsServer(options, (port, httpsServer, wssServer) => {
      this.guardOn(httpsServer, true);
      callback(port, httpsServer, wssServer);
    });
  }

  /** Runs `step`; anything it throws becomes a reported error of `kind` instead of an uncaught exception. */
  private guard(kind: string, ctx: IContext | null, step: () => void): void {
    try {
      step();
    } catch (thrown) {
      this._onError(kind, ctx, asError(thrown));
    }
  }

  /** `callback`, guarded: the library continues its work (opening the upstream request) inside it. */
  private guarded(kind: string, ctx: IContext, callback: Callback): Callback {
    return (err) => this.guard(kind, ctx, () => callback(err));
  }

  override _onHttpServerRequest(isSSL: boolean, req: IncomingMessage, res: ServerResponse): void {
    // parseHostAndPort rewrites req.url to origin-form; keep what the client actually sent.
    (req as TaggedRequest)[ORIGINAL_URL] = req.url ?? '/';
    try {
      relayRequest(this as unknown as RelayProxy, isSSL, req, res);
    } catch (thrown) {
      this._onError('CLIENT_TO_PROXY_REQUEST_ERROR', null, asError(thrown));
      req.resume();
      endResponse(res, 400, 'The proxy could not read this request: check its request line and Host header.\n');
    }
  }

  /** Runs a CONNECT step; if it throws, the client's tunnel is cut instead of the process. */
  private guardTunnel(socket: Duplex, step: () => void): void {
    try {
      step();
    } catch (thrown) {
      this._onError('ON_CONNECT_ERROR', null, asError(thrown));
      socket.destroy();
    }
  }

  override _onHttpServerConnect(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.guardTunnel(socket, () => super._onHttpServerConnect(req, socket, head));
  }

  override _onHttpServerConnectData(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.guardTunnel(socket, () => super._onHttpServerConnectData(req, socket, head));
  }

  override _onWebSocketServerConnect(isSSL: boolean, ws: WebSocket, upgradeReq: IncomingMessage): void {
    try {
      super._onWebSocketServerConnect(isSSL, ws as never, upgradeReq);
    } catch (thrown) {
      // Typically an upgrade without a usable Host: the library cannot name the upstream.
      this._onError('WEBSOCKET_UPGRADE_ERROR', null, asError(thrown));
      ws.terminate();
    }
  }

  override _onWebSocketConnection(ctx: IWebSocketContext, callback: Callback): void {
    const next: Callback = (err) => {
      try {
        callback(err);
      } catch (thrown) {
        // new WebSocket() throws on a URL it cannot use: close the client's side too.
        this._onWebSocketError(ctx, asError(thrown));
        ctx.clientToProxyWebSocket?.terminate();
      }
    };
    super._onWebSocketConnection(ctx, next);
  }

  override _onWebSocketFrame(
    ctx: IWebSocketContext,
    type: string,
    fromServer: boolean,
    data: WebSocket.RawData,
    flags?: boolean,
  ): void {
    if (!ctx.proxyToServerWebSocket || !ctx.clientToProxyWebSocket) return; // no upstream (yet): nothing to relay to
    try {
      super._onWebSocketFrame(ctx, type, fromServer, data, flags as never);
    } catch (thrown) {
      this._onWebSocketError(ctx, asError(thrown));
    }
  }

  override _onWebSocketClose(ctx: IWebSocketContext, closedByServer: boolean, code: number, message: Buffer): void {
    if (!ctx.proxyToServerWebSocket) {
      ctx.clientToProxyWebSocket?.terminate();
      return;
    }
    try {
      super._onWebSocketClose(ctx, closedByServer, code, message);
    } catch (thrown) {
      this._onWebSocketError(ctx, asError(thrown));
    }
  }

  override _onWebSocketError(ctx: IWebSocketContext, err: Error): void {
    for (const handler of this.onWebSocketErrorHandlers) {
      try {
        handler(ctx, err);
      } catch {
        // a failing error handler must not take the process with it
      }
    }
    try {
      const client = ctx?.clientToProxyWebSocket;
      const upstream = ctx?.proxyToServerWebSocket;
      if (client && upstream && client.readyState !== upstream.readyState) {
        if (client.readyState === client.CLOSED) upstream.close();
        else if (upstream.readyState === upstream.CLOSED) client.close();
      }
    } catch {
      // closing an already broken socket
    }
  }

  // http-mitm-proxy runs every hook list through async.forEach (plus an array concat) for every request and every
  // body chunk, even when the list is empty. With no handler it calls back synchronously with the chunk unchanged;
  // these overrides do exactly that without the allocation, and hand anything else to the library.
  override _onRequestData(ctx: IContext, chunk: unknown, callback: (err: Error | null, chunk?: unknown) => void): void {
    if (this.onRequestDataHandlers.length === 0 && ctx.onRequestDataHandlers.length === 0) callback(null, chunk);
    else super._onRequestData(ctx, chunk, callback);
  }

  override _onResponseData(
    ctx: IContext,
    chunk: unknown,
    callback: (err: Error | null, chunk?: unknown) => void,
  ): void {
    if (this.responseTap && Buffer.isBuffer(chunk)) this.responseTap.data(ctx, chunk);
    if (this.onResponseDataHandlers.length === 0 && ctx.onResponseDataHandlers.length === 0) callback(null, chunk);
    else super._onResponseData(ctx, chunk, callback as never);
  }

  override _onRequestEnd(ctx: IContext, callback: Callback): void {
    if (this.onRequestEndHandlers.length === 0 && ctx.onRequestEndHandlers.length === 0) callback(null);
    else super._onRequestEnd(ctx, callback);
  }

  override _onResponseEnd(ctx: IContext, callback: Callback): void {
    this.responseTap?.end(ctx);
    if (this.onResponseEndHandlers.length === 0 && ctx.onResponseEndHandlers.length === 0) callback(null);
    else super._onResponseEnd(ctx, callback);
  }

  // Our own hooks are registered once on the proxy (onRequest, onResponse): call the single one directly.
  override _onRequest(ctx: IContext, callback: Callback): void {
    const only =
      this.onRequestHandlers.length === 1 && ctx.onRequestHandlers.length === 0 ? this.onRequestHandlers[0] : undefined;
    const next = this.guarded('PROXY_TO_SERVER_REQUEST_ERROR', ctx, callback);
    this.guard('ON_REQUEST_ERROR', ctx, () => (only ? only(ctx, next) : super._onRequest(ctx, next)));
  }

  override _onResponse(ctx: IContext, callback: Callback): void {
    const only =
      this.onResponseHandlers.length === 1 && ctx.onResponseHandlers.length === 0
        ? this.onResponseHandlers[0]
        : undefined;
    const next = this.guarded('ON_RESPONSE_ERROR', ctx, callback);
    this.guard('ON_RESPONSE_ERROR', ctx, () => (only ? only(ctx, next) : super._onResponse(ctx, next)));
  }

  override _onRequestHeaders(ctx: IContext, callback: Callback): void {
    if (this.onRequestHeadersHandlers.length === 0) callback(null);
    else super._onRequestHeaders(ctx, callback);
  }

  override _onResponseHeaders(ctx: IContext, callback: Callback): void {
    frameForHttp10(ctx);
    if (this.onResponseHeadersHandlers.length === 0) callback(null);
    else super._onResponseHeaders(ctx, callback);
  }

  override _onError(kind: string, ctx: IContext | null, err: Error): void {
    for (const handler of this.onErrorHandlers) {
      try {
        handler(ctx, err, kind);
      } catch {
        // our handler failed on hostile input; the answer below still goes out
      }
    }
    if (ctx) endResponse(ctx.proxyToClientResponse, 502, `Proxy error (${kind}).\n`);
  }
}
