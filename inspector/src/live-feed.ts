// The live feed client: connects to the proxy's WebSocket with the run token, reconnects with backoff, feeds the store.
import { FEED_PROTOCOL_VERSION, parseFeedMessage, type Exchange, type FeedRequest } from '@oauth-inspector/core';
import type { Store } from './state/store.ts';
import { backoffMs } from './view-models/navigation.ts';

export interface LiveFeed {
  send(request: FeedRequest): void;
  close(): void;
}

export function feedUrl(location: Location, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/feed?token=${encodeURIComponent(token)}`;
}

/**
 * Exchange messages are gathered for this long and handed to the store together: at hundreds of messages a second,
 * one store update (and one render) per message would take more than every frame has.
 */
const BATCH_MS = 16;

/** After this many failed attempts in a row the page explains what may be wrong (it keeps retrying). */
const UNANSWERED_ATTEMPTS = 3;
const UNREACHABLE =
  'The live feed does not answer: if the proxy is stopped, start it again (this page reconnects by itself); ' +
  'if this page was opened with a link from another machine or an old setup, open the Inspector URL the proxy printed.';

/** Exchanges queued for the store: handed over together `BATCH_MS` after the first, or at once by `flush`. */
function exchangeBatch(store: Store): { push(exchange: Exchange): void; flush(): void } {
  let queued: Exchange[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (queued.length === 0) return;
    const batch = queued;
    queued = [];
    store.dispatch({ type: 'ingest', exchanges: batch });
  };
  return {
    push(exchange) {
      queued.push(exchange);
      flushTimer ??= setTimeout(flush, BATCH_MS);
    },
    flush,
  };
}

export function connectFeed(store: Store, url: string): LiveFeed {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const batch = exchangeBatch(store);

  const open = () => {
    store.dispatch({ type: 'connection', state: attempt === 0 ? 'connecting' : 'reconnecting' });
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseFeedMessage(event.data);
      if (!message) return;
      if (
        message.type === 'exchange-started' ||
        message.type === 'exchange-completed' ||
        message.type === 'exchange-failed'
      ) {
        batch.push(message.exchange);
        return;
      }
      // Anything else (hello, history, a reset, a notice) comes after the exchanges received before it.
      batch.flush();
      if (message.type === 'hello') {
        if (message.protocol !== FEED_PROTOCOL_VERSION) {
          store.dispatch({
            type: 'load-failed',
            message: `The proxy speaks feed protocol ${message.protocol} but this inspector speaks ${FEED_PROTOCOL_VERSION}: rebuild the inspector.`,
          });
          closed = true;
          ws.close();
          return;
        }
        attempt = 0;
      }
      store.dispatch({ type: 'feed', message });
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      batch.flush();
      if (closed) {
        store.dispatch({ type: 'connection', state: 'closed' });
        return;
      }
      // Keep every exchange; come back later and resync from the history the proxy sends after hello.
      store.dispatch({ type: 'connection', state: 'reconnecting' });
      if (attempt === UNANSWERED_ATTEMPTS) {
        // A refused token looks like any other failure to a browser, so say both likely causes once.
        store.dispatch({
          type: 'feed',
          message: { type: 'notice', level: 'warning', code: 'feed-unreachable', message: UNREACHABLE },
        });
      }
      timer = setTimeout(open, backoffMs(attempt++));
    });
  };
  open();
  return {
    send(request) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(request));
    },
    close() {
      batch.flush();
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
