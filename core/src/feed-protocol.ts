// The messages between the proxy's live feed and the inspector: a typed discriminated union and its parser.
import type { Exchange } from './har.ts';

/** Bumped when a message changes shape; the inspector refuses a feed that speaks another version. */
export const FEED_PROTOCOL_VERSION = 1;

/** Subprotocol prefix: the client sends `oauth-inspector.<token>` as a WebSocket subprotocol, or `?token=` on the URL. */
export const FEED_TOKEN_PROTOCOL_PREFIX = 'oauth-inspector.';

export interface SessionInfo {
  /** Changes when the proxy restarts or the session is reset: a client that sees a new id starts over. */
  id: string;
  name: string;
  startedDateTime: string;
}

/** The header carrying the run's token on the inspector server's session routes (`GET /api/sessions`, `…/<id>.har`). */
export const SESSION_TOKEN_HEADER = 'x-oauth-inspector-token';

/** One journaled session, as `GET /api/sessions` lists them (newest first) for the inspector's session picker. */
export interface JournaledSession extends SessionInfo {
  exchanges: number;
  /** The journal's size on disk, so the inspector can refuse to download one too large for a browser tab. */
  bytes?: number;
  /** The session the proxy is recording now. */
  live: boolean;
}

/** What the proxy knows about the sample world, when it runs one (absent for `oauth-inspector proxy`). */
export interface SampleWorldInfo {
  scenario: string;
  scenarios: { id: string; title: string }[];
  urls: { name: string; url: string }[];
}

/** Proxy → inspector. */
export type FeedMessage =
  /** First message on every connection. */
  | { type: 'hello'; protocol: number; session: SessionInfo; sampleWorld?: SampleWorldInfo }
  /**
   * The session's history window, oldest first (a late or reconnecting client starts here): every exchange of a
   * short session, the most recent ones (the proxy's memory window, 64 MiB by default) of a long one, announced by a
   * `notice` with code `history-window`. The proxy may send it as a fragmented WebSocket message; it is one message.
   */
  | { type: 'history'; sessionId: string; exchanges: Exchange[] }
  /** The request has been seen; the response is not in yet (`_state: 'pending'`). */
  | { type: 'exchange-started'; exchange: Exchange }
  /** The whole exchange, replacing the pending one with the same `_id`. */
  | { type: 'exchange-completed'; exchange: Exchange }
  /** No response will come: `_state: 'failed'` and `_error` say why. */
  | { type: 'exchange-failed'; exchange: Exchange }
  /** Everything before is gone: a new session started. */
  | { type: 'session-reset'; session: SessionInfo }
  /** The sample world switched scenario (after a `set-scenario` request or at start). */
  | { type: 'scenario-changed'; scenario: string }
  /** The proxy could not do what a client asked, or warns it (for example: it dropped messages to a slow client). */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; code: string; message: string };

/** Inspector → proxy. */
export type FeedRequest = { type: 'set-scenario'; scenario: string } | { type: 'reset-session'; name?: string };

export type FeedMessageType = FeedMessage['type'];

const MESSAGE_TYPES: ReadonlySet<string> = new Set<FeedMessageType>([
  'hello',
  'history',
  'exchange-started',
  'exchange-completed',
  'exchange-failed',
  'session-reset',
  'scenario-changed',
  'notice',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeExchange(value: unknown): value is Exchange {
  return (
    isRecord(value) &&
    typeof value._id === 'string' &&
    isRecord(value.request) &&
    isRecord(value.response) &&
    typeof (value.request as Record<string, unknown>).url === 'string'
  );
}

/**
 * Parses one text frame from the feed. Returns null for anything that is not a well-formed message of
 * this protocol, so a client can ignore it instead of crashing.
 */
export function parseFeedMessage(text: string): FeedMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.type !== 'string' || !MESSAGE_TYPES.has(value.type)) return null;
  switch (value.type) {
    case 'hello':
      return typeof value.protocol === 'number' && isRecord(value.session) ? (value as FeedMessage) : null;
    case 'history':
      return Array.isArray(value.exchanges) && value.exchanges.every(looksLikeExchange) ? (value as FeedMessage) : null;
    case 'exchange-started':
    case 'exchange-completed':
    case 'exchange-failed':
      return looksLikeExchange(value.exchange) ? (value as FeedMessage) : null;
    case 'session-reset':
      return isRecord(value.session) ? (value as FeedMessage) : null;
    case 'scenario-changed':
      return typeof value.scenario === 'string' ? (value as FeedMessage) : null;
    case 'notice':
      return typeof value.code === 'string' && typeof value.message === 'string' ? (value as FeedMessage) : null;
    default:
      return null;
  }
}

/** Parses one text frame sent by an inspector to the proxy; null when it is not a known request. */
export function parseFeedRequest(text: string): FeedRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.type === 'set-scenario' && typeof value.scenario === 'string') {
    return { type: 'set-scenario', scenario: value.scenario };
  }
  if (value.type === 'reset-session') {
    return typeof value.name === 'string' ? { type: 'reset-session', name: value.name } : { type: 'reset-session' };
  }
  return null;
}
