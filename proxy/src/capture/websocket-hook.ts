// The capture's hooks on http-mitm-proxy for WebSocket upgrades: the gateway's retarget rule, hostile URLs refused.
import type { IWebSocketContext } from 'http-mitm-proxy';
import { upstreamAgent, type CaptureState } from './capture-state.ts';
import { connectTarget, formatAuthority, parseAuthority } from './request-target.ts';

type Callback = (err?: Error | null) => void;

function safeUrl(text: string | undefined): URL | null {
  try {
    return text ? new URL(text) : null;
  } catch {
    return null;
  }
}

export function onWebSocketConnection(state: CaptureState) {
  return (ctx: IWebSocketContext, callback: Callback): void => {
    const opts = ctx.proxyToServerWebSocketOptions;
    const url = safeUrl(opts?.url);
    const secure = url?.protocol === 'wss:';
    // As for HTTP: inside a CONNECT tunnel the CONNECT authority is the target, otherwise the URL's.
    const named = ctx.connectRequest
      ? connectTarget(ctx.connectRequest)
      : url && parseAuthority(url.host, secure ? 443 : 80);
    if (!opts || !url || !named || (url.protocol !== 'ws:' && !secure)) {
      state.log(
        `proxy: websocket: refused an upgrade for ${JSON.stringify(opts?.url ?? '')}: not a ws URL with a valid host and port.`,
      );
      ctx.clientToProxyWebSocket?.terminate();
      return;
    }
    const upstream = ctx.isSSL ? undefined : state.gateway.retarget(named);
    const connect = upstream ?? named;
    opts.url = `${url.protocol}//${formatAuthority(connect)}${url.pathname}${url.search}`;
    opts.agent = secure ? upstreamAgent(state, connect.host) : state.httpAgent;
    callback();
  };
}

export function onWebSocketError(state: CaptureState) {
  return (_ctx: IWebSocketContext | null, err?: Error | null): void => {
    if (err) state.log(`proxy: websocket: ${err.message}`);
  };
}
