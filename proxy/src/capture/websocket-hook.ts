// The capture's hooks on http-mitm-proxy for WebSocket upgrades: a target that cannot be routed is answered 400
// before any 101, the gateway's retarget rule applies, and each upgrade is recorded as one exchange. The record holds
// the handshake only (the upgrade request and the upstream's 101): WebSocket frames are not recorded.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { IWebSocketContext } from 'http-mitm-proxy';
import { safeUrl, type ExchangeError } from '@oauth-inspector/core';
import { upstreamAgent, type CaptureState, type Pending } from './capture-state.ts';
import { recordResponseHead } from './exchange-builder.ts';
import { beginExchange, finishExchange } from './exchange-life.ts';
import { badTargetFailure, classifyFailure, type ClassifiedFailure } from './failure-page.ts';
import type { UpgradeGuard } from './upgrade-guard.ts';
import { connectTarget, formatAuthority, parseAuthority, type Authority } from './request-target.ts';

type Callback = (err?: Error | null) => void;

type UpgradeTarget = { url: URL; named: Authority; secure: boolean } | { reason: string };

/** The URL http-mitm-proxy builds for an upgrade (`_onWebSocketServerConnect`): origin-form gets the Host header. */
function libraryUrl(isSSL: boolean, req: IncomingMessage): string | undefined {
  const sent = req.url ?? '';
  if (sent !== '' && !sent.startsWith('/')) return sent;
  const host = req.headers.host;
  return host ? `${isSSL ? 'wss' : 'ws'}://${host}${sent}` : undefined;
}

/** Where an upgrade for `text` goes. As for HTTP: inside a CONNECT tunnel the CONNECT authority, otherwise the URL's. */
function upgradeTarget(text: string | undefined, connectRequest: IncomingMessage | undefined): UpgradeTarget {
  if (text === undefined) return { reason: 'the upgrade names no host (no Host header)' };
  const url = safeUrl(text);
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) return { reason: 'it is not a ws or wss URL' };
  const secure = url.protocol === 'wss:';
  const named = connectRequest ? connectTarget(connectRequest) : parseAuthority(url.host, secure ? 443 : 80);
  if (!named) return { reason: 'its host or port is not valid (ports run from 1 to 65535)' };
  return { url, named, secure };
}

/** Answers on the raw socket: no WebSocket exists yet, and none will. */
function refuseUpgrade(socket: Duplex, failure: ClassifiedFailure): void {
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${failure.message}\n`;
  socket.end(
    `HTTP/1.1 ${failure.status} ${STATUS_CODES[failure.status]}\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nX-OAuth-Inspector-Error: ${failure.code}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Runs before the library's ws server answers 101: an upgrade it could not route is answered 400 and recorded. */
export function upgradeGuard(state: CaptureState): UpgradeGuard {
  return (isSSL, req, socket, connectRequest) => {
    const sent = libraryUrl(isSSL, req);
    const target = upgradeTarget(sent, connectRequest);
    if (!('reason' in target)) return true;
    const url = sent ?? req.url ?? '';
    const pending = beginExchange(state, undefined, { req, url, origin: url, viaGateway: false });
    const failure = badTargetFailure(url, target.reason);
    refuseUpgrade(socket, failure);
    finishExchange(state, pending, 'failed', { code: failure.code, message: failure.message });
    return false;
  };
}

/**
 * The upstream failed before it opened, but the library already answered the client 101 and paused its socket until
 * then: close with 1014 (Bad Gateway, RFC 6455 §7.4.1 registry) and read again, so the close handshake can finish.
 */
function closeClient(ctx: IWebSocketContext): void {
  const client = ctx.clientToProxyWebSocket;
  if (!client || client.readyState === client.CLOSED) return;
  try {
    if (client.readyState === client.OPEN) client.close(1014, 'upstream failed');
    (client as unknown as { _socket?: Duplex })._socket?.resume();
  } catch {
    client.terminate();
  }
}

function failUpstream(state: CaptureState, pending: Pending, ctx: IWebSocketContext, error: ExchangeError): void {
  if (pending.done) return; // already recorded: a close after the 101 is the library's to relay
  finishExchange(state, pending, 'failed', error);
  closeClient(ctx);
}

/** Completes the record with the upstream's 101, or fails it when the upstream refuses the upgrade or cannot be reached. */
function watchUpstream(state: CaptureState, pending: Pending, ctx: IWebSocketContext): void {
  const upstream = ctx.proxyToServerWebSocket;
  const where = pending.connected
    ? `${pending.origin} (upstream ${formatAuthority(pending.connected)})`
    : pending.origin;
  if (!upstream) {
    failUpstream(state, pending, ctx, { code: 'upstream-error', message: `Could not open ${where}.` });
    return;
  }
  upstream.once('upgrade', (res: IncomingMessage) => {
    if (pending.done) return; // finished (the client left): never changed after
    pending.tHeaders = pending.lastActivity = performance.now();
    recordResponseHead(pending.exchange, res);
  });
  upstream.once('open', () => {
    pending.upstreamDone = true;
    finishExchange(state, pending, 'complete');
  });
  upstream.once('unexpected-response', (_req: unknown, res: IncomingMessage) => {
    pending.tHeaders = performance.now();
    if (!pending.done) recordResponseHead(pending.exchange, res);
    failUpstream(state, pending, ctx, {
      code: 'upstream-refused-upgrade',
      message: `${where} answered the WebSocket upgrade with ${res.statusCode ?? 0} instead of 101.`,
    });
    upstream.terminate(); // ws leaves the handshake to us once this event has a listener
  });
  upstream.once('error', (err: Error) => {
    const failure = classifyFailure(err, where, ctx.isSSL ? pending.connected?.host : undefined);
    failUpstream(state, pending, ctx, { code: failure.code, message: failure.message });
  });
  upstream.once('close', () =>
    failUpstream(state, pending, ctx, {
      code: 'upstream-reset',
      message: `${where} closed the connection before the WebSocket opened.`,
    }),
  );
}

export function onWebSocketConnection(state: CaptureState) {
  return (ctx: IWebSocketContext, callback: Callback): void => {
    const opts = ctx.proxyToServerWebSocketOptions;
    const target = upgradeTarget(opts?.url, ctx.connectRequest);
    if (!opts || 'reason' in target) {
      // upgradeGuard answered these 400 before the handshake; this is the backstop should the two ever disagree.
      state.log(
        `proxy: websocket: refused an upgrade for ${JSON.stringify(opts?.url ?? '')}: not a ws URL with a valid host and port.`,
      );
      ctx.clientToProxyWebSocket?.terminate();
      return;
    }
    const { url, named, secure } = target;
    const upstream = ctx.isSSL ? undefined : state.gateway.retarget(named);
    const connect = upstream ?? named;
    opts.url = `${url.protocol}//${formatAuthority(connect)}${url.pathname}${url.search}`;
    opts.agent = secure ? upstreamAgent(state, connect.host) : state.httpAgent;
    const req = (ctx.clientToProxyWebSocket as { upgradeReq?: IncomingMessage } | undefined)?.upgradeReq;
    const origin = `${url.protocol}//${formatAuthority(named, secure ? 443 : 80)}`;
    const pending =
      req &&
      beginExchange(state, undefined, {
        req,
        url: `${origin}${url.pathname}${url.search}`,
        origin,
        viaGateway: upstream !== undefined,
        connected: connect,
      });
    if (pending) pending.tSent = pending.t0;
    callback(); // the library opens the upstream WebSocket inside it
    if (pending) watchUpstream(state, pending, ctx);
  };
}

export function onWebSocketError(state: CaptureState) {
  return (_ctx: IWebSocketContext | null, err?: Error | null): void => {
    if (err) state.log(`proxy: websocket: ${err.message}`);
  };
}
