// What the capture hooks share: settings, the exchanges in flight, and the exchange kept on each library context.
import type { Agent as HttpAgent } from 'node:http';
import type { IContext } from 'http-mitm-proxy';
import type { Exchange } from '@oauth-inspector/core';
import type { BodyTap } from './body-tap.ts';
import type { Gateway } from './gateway.ts';
import type { Authority } from './request-target.ts';
import type { UpstreamTrust } from './upstream-trust.ts';

export type CaptureEvent =
  | { type: 'started'; exchange: Exchange }
  | { type: 'completed'; exchange: Exchange }
  | { type: 'failed'; exchange: Exchange };

/** An exchange being built, with the clock marks its timings come from. */
export interface Pending {
  ctx: IContext | undefined;
  exchange: Exchange;
  t0: number;
  tSent?: number;
  tHeaders?: number;
  requestTap: BodyTap;
  /** The response body's tap and headers, from the upstream's response head on. */
  response?: { tap: BodyTap; headers: Exchange['response']['headers'] };
  /** performance.now() of the last byte moved in either direction, for the upstream idle timeout. */
  lastActivity: number;
  /** The upstream response has ended: nothing left to time out. */
  upstreamDone: boolean;
  done: boolean;
  /** The origin as recorded (what the client named) and where the proxy connected, for failure messages. */
  origin: string;
  connected?: Authority;
}

export interface CaptureState {
  bodyCap: number;
  emit: (event: CaptureEvent) => void;
  log: (line: string) => void;
  gateway: Gateway;
  /** Exchanges not finished yet, swept for the upstream idle timeout. */
  active: Set<Pending>;
  /** The next exchange's id and sequence number. */
  nextId(): { id: string; seq: number };
  httpAgent: HttpAgent;
  /** The agents for TLS upstreams: verified, or not for the hosts named insecure. */
  trust: UpstreamTrust;
  /** TLS failures already told on the log (host and cause), so that a page of requests logs one line. */
  toldTlsFailures: Set<string>;
}

/** The exchange being built for a request, kept on http-mitm-proxy's context object (cheaper than a WeakMap). */
const PENDING = Symbol('pending');
type CaptureContext = IContext & { [PENDING]?: Pending };

export function pendingOf(ctx: IContext): Pending | undefined {
  return (ctx as CaptureContext)[PENDING];
}

export function attachPending(ctx: IContext, pending: Pending): void {
  (ctx as CaptureContext)[PENDING] = pending;
}

/** The agent for a TLS upstream on `host`: without certificate verification only for the hosts named insecure. */
export function upstreamAgent(state: CaptureState, host: string): HttpAgent {
  return state.trust.isInsecure(host) ? state.trust.insecure : state.trust.verified;
}
