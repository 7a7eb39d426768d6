// Which lesson track a session gets by default: the sample's lessons for the sample world's traffic (its legacy one for seed 000's design), else the generic one.
import { paramValue, queryParams, safeUrl } from '../exchange-read.ts';
import type { Exchange } from '../har.ts';

/** The sample world's own track: its steps name the sample's SPA, API and authorization server. */
export const SAMPLE_TRACK_ID = 'code-flow';
/** The sample's legacy track (seed 000): its `legacy` scenario runs the implicit flow and introspection. */
export const LEGACY_TRACK_ID = 'implicit-and-introspection';
/** The sample world's scenario that runs seed 000's design. */
const LEGACY_SCENARIO = 'legacy';
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

/**
 * Whether an exchange is an implicit authorization request: a `response_type` asking for tokens without `code`
 * (RFC 6749 §4.2.1, OIDC Core §3.2.2.1). The analyzer's recognizer says the same with the session's context.
 */
export function isImplicitRequest(exchange: Exchange): boolean {
  const params = queryParams(exchange.request.url);
  if (paramValue(params, 'client_id') === undefined) return false;
  const types = (paramValue(params, 'response_type') ?? '').split(' ');
  return !types.includes('code') && (types.includes('token') || types.includes('id_token'));
}

export interface TrackChoiceContext {
  /** The live feed said whether a sample world runs (true for `start`, false for `proxy`); unknown for files. */
  sampleWorld?: boolean;
  /** The sample world's scenario, when the live feed said it. */
  scenario?: string;
  /** Whether the sample's traffic so far holds an implicit authorization request (see isImplicitRequest). */
  sawSampleImplicit?: boolean;
  /** Whether any exchange so far is the sample's (see isSampleTraffic). */
  sawSampleTraffic: boolean;
  exchangeCount: number;
}

/** The default track id: the sample's when its world runs or its traffic is seen, the generic one for other traffic. */
export function chooseTrackId(context: TrackChoiceContext): string {
  if (context.scenario === LEGACY_SCENARIO || context.sawSampleImplicit) return LEGACY_TRACK_ID;
  if (context.sampleWorld || context.sawSampleTraffic) return SAMPLE_TRACK_ID;
  // Nothing captured yet: a proxy without the sample world is someone's own app; an empty page is the learner's.
  if (context.exchangeCount === 0) return context.sampleWorld === false ? GENERIC_TRACK_ID : SAMPLE_TRACK_ID;
  return GENERIC_TRACK_ID;
}

/** The default track of a whole list of exchanges (a HAR file in the CLI). */
export function defaultTrackIdOf(exchanges: readonly Exchange[]): string {
  const sample = exchanges.filter(isSampleTraffic);
  return chooseTrackId({
    sawSampleTraffic: sample.length > 0,
    sawSampleImplicit: sample.some(isImplicitRequest),
    exchangeCount: exchanges.length,
  });
}
