// Which lesson track a session gets by default: the sample's lessons for the sample world's traffic, else the generic one.
import { safeUrl } from '../exchange-read.ts';
import type { Exchange } from '../har.ts';

/** The sample world's own track: its steps name the sample's SPA, API and authorization server. */
export const SAMPLE_TRACK_ID = 'code-flow';
/** The track whose steps are the protocol's own, for any app and any authorization server. */
export const GENERIC_TRACK_ID = 'generic';

/**
 * The sample world is reached under these host names only (the proxy's gateway, proxy/src/stack.ts), so traffic to
 * them is the sample's; anything else is someone's own app, whatever its authorization server.
 */
const SAMPLE_HOSTS: ReadonlySet<string> = new Set(['web.localhost', 'api.localhost', 'login.localhost']);

/** Whether an exchange went to one of the sample world's origins. */
export function isSampleTraffic(exchange: Exchange): boolean {
  const url = safeUrl(exchange.request.url);
  return url !== null && SAMPLE_HOSTS.has(url.hostname.toLowerCase());
}

export interface TrackChoiceContext {
  /** The live feed said whether a sample world runs (true for `start`, false for `proxy`); unknown for files. */
  sampleWorld?: boolean;
  /** Whether any exchange so far is the sample's (see isSampleTraffic). */
  sawSampleTraffic: boolean;
  exchangeCount: number;
}

/** The default track id: the sample's when its world runs or its traffic is seen, the generic one for other traffic. */
export function chooseTrackId(context: TrackChoiceContext): string {
  if (context.sampleWorld || context.sawSampleTraffic) return SAMPLE_TRACK_ID;
  // Nothing captured yet: a proxy without the sample world is someone's own app; an empty page is the learner's.
  if (context.exchangeCount === 0) return context.sampleWorld === false ? GENERIC_TRACK_ID : SAMPLE_TRACK_ID;
  return GENERIC_TRACK_ID;
}

/** The default track of a whole list of exchanges (a HAR file in the CLI). */
export function defaultTrackIdOf(exchanges: readonly Exchange[]): string {
  return chooseTrackId({ sawSampleTraffic: exchanges.some(isSampleTraffic), exchangeCount: exchanges.length });
}
