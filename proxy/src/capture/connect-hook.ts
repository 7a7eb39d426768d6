// The capture's CONNECT hook: a tunnel to an authority nobody can connect to is refused and recorded, not opened.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CaptureState } from './capture-state.ts';
import { beginExchange, finishExchange } from './exchange-life.ts';
import { badTargetFailure } from './failure-page.ts';
import { connectTarget } from './request-target.ts';

type Callback = (err?: Error | null) => void;

export function onConnect(state: CaptureState) {
  return (req: IncomingMessage, socket: Duplex, _head: unknown, callback: Callback): void => {
    if (connectTarget(req)) return callback();
    const url = req.url ?? '';
    // RFC 9110 §9.3.6: the CONNECT target is a host and a port; anything else cannot be tunneled.
    const failure = badTargetFailure(url, 'a CONNECT names a host and a port from 1 to 65535');
    const pending = beginExchange(state, undefined, { req, url, origin: url, viaGateway: false });
    const body = `${failure.message}\n`;
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-oauth-inspector-error: ${failure.code}\r\nconnection: close\r\n\r\n${body}`,
    );
    finishExchange(state, pending, 'failed', { code: failure.code, message: failure.message });
  };
}
