// An exchange's life in the proxy: started when a request arrives, finished once, when it completes or fails.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IContext } from 'http-mitm-proxy';
import type { ExchangeError } from '@oauth-inspector/core';
import { BodyTap } from './body-tap.ts';
import type { CaptureState, Pending } from './capture-state.ts';
import { newExchange, sealExchange } from './exchange-builder.ts';
import type { Authority } from './request-target.ts';

export interface Begin {
  req: IncomingMessage;
  url: string;
  origin: string;
  viaGateway: boolean;
  connected?: Authority;
  hostMismatch?: { header: string; target: string };
  insecureUpstream?: boolean;
}

/** Creates the pending exchange and announces it. Listeners serialize or copy synchronously; the object changes on. */
export function beginExchange(state: CaptureState, ctx: IContext | undefined, begin: Begin): Pending {
  const { id, seq } = state.nextId();
  const exchange = newExchange({
    id,
    seq,
    req: begin.req,
    url: begin.url,
    viaGateway: begin.viaGateway,
    hostMismatch: begin.hostMismatch,
    insecureUpstream: begin.insecureUpstream,
  });
  const t0 = performance.now();
  const pending: Pending = {
    ctx,
    exchange,
    t0,
    requestTap: new BodyTap(state.bodyCap),
    lastActivity: t0,
    upstreamDone: false,
    done: false,
    origin: begin.origin,
    ...(begin.connected ? { connected: begin.connected } : {}),
  };
  state.active.add(pending);
  state.emit({ type: 'started', exchange });
  return pending;
}

export function finishExchange(
  state: CaptureState,
  pending: Pending,
  result: 'complete' | 'failed',
  error?: ExchangeError,
): void {
  if (pending.done) return;
  pending.done = true;
  state.active.delete(pending);
  sealExchange(pending.exchange, pending, pending.requestTap, result, error);
  state.emit({ type: result === 'complete' ? 'completed' : 'failed', exchange: pending.exchange });
}

/** A request carries a body when it declares one (RFC 9112 §6.3): Content-Length above zero or Transfer-Encoding. */
function hasBody(headers: IncomingMessage['headers']): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Taps the request body as it streams by and finishes the exchange when the client's side closes. */
export function watchClient(state: CaptureState, pending: Pending, req: IncomingMessage, res: ServerResponse): void {
  if (hasBody(req.headers)) {
    req.on('data', (chunk: Buffer) => {
      pending.requestTap.add(chunk);
      pending.lastActivity = performance.now();
    });
    req.on('end', () => {
      pending.tSent = performance.now();
    });
  } else {
    pending.tSent = pending.t0;
  }
  res.on('close', () => {
    if (pending.done) return;
    if (res.writableFinished && pending.tHeaders !== undefined) finishExchange(state, pending, 'complete');
    else
      finishExchange(state, pending, 'failed', {
        code: 'client-aborted',
        message: 'The client closed the connection before the response was complete.',
      });
  });
}
