// Decides which channel a captured request came from: the learner's browser, a server's back channel, or unknown.
import type { Channel } from '@oauth-inspector/core';

export interface ChannelHints {
  /** Came in as an origin-form request for one of the gateway's host names. */
  viaGateway: boolean;
  /** Came in through the forward proxy (absolute-form, CONNECT tunnel or intercepted TLS). */
  viaForwardProxy: boolean;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Browsers send a Mozilla user agent and the full Fetch Metadata set (Sec-Fetch-Site/-Dest); server-side clients
 * do not. Node's fetch (undici) sends Sec-Fetch-Mode alone, so that header by itself proves nothing.
 */
export function channelOf(hints: ChannelHints): Channel {
  if (hints.viaGateway) return 'browser';
  if (!hints.viaForwardProxy) return 'other';
  const { headers } = hints;
  if (headers['sec-fetch-site'] !== undefined || headers['sec-fetch-dest'] !== undefined) return 'browser';
  if (String(headers['user-agent'] ?? '').startsWith('Mozilla/')) return 'browser';
  return 'back-channel';
}
