// Which exchanges an "OAuth only" view keeps: the protocol's own, the back-channel calls linked to them, and the redirects and navigations that lead to them.
import type { Exchange } from '../har.ts';
import { headerValue, safeUrl } from '../exchange-read.ts';
import { isBrowserBackground } from '../http/browser-background.ts';
import { isNavigation, isStaticAsset } from '../http/resource-kind.ts';
import type { Analysis } from './types.ts';

/** How far ahead a navigation looks for the next one it led to (bounded work on long sessions). */
const NEXT_NAVIGATION_WINDOW = 50;

function withoutHash(url: string): string {
  const at = url.indexOf('#');
  return at < 0 ? url : url.slice(0, at);
}

/** The URL a 3xx answer sends the browser to (RFC 9110 §10.2.2: Location, relative to the request URL). */
function redirectTarget(exchange: Exchange): string | undefined {
  const status = exchange.response.status;
  if (status < 300 || status > 399) return undefined;
  const location = headerValue(exchange.response, 'location') || exchange.response.redirectURL;
  if (!location) return undefined;
  try {
    return withoutHash(new URL(location, exchange.request.url).href);
  } catch {
    return undefined;
  }
}

/**
 * Whether a later navigation came from this page: its Referer is the page's URL or, across origins under the default
 * `strict-origin-when-cross-origin` policy, the page's origin (Referrer Policy §3). A navigation the user started
 * (typed, bookmarked: `Sec-Fetch-Site: none`, Fetch Metadata §2.1) came from no page. No Referer and no Fetch metadata
 * (a `no-referrer` policy, or an old HAR) leaves capture order to decide.
 */
function cameFrom(next: Exchange, page: Exchange): boolean {
  const referer = headerValue(next.request, 'referer');
  if (!referer) return headerValue(next.request, 'sec-fetch-site')?.toLowerCase() !== 'none';
  if (withoutHash(referer) === withoutHash(page.request.url)) return true;
  const origin = safeUrl(page.request.url)?.origin;
  return origin !== undefined && safeUrl(referer)?.href === `${origin}/`;
}

/** Index of each exchange's next hop: where its redirect went, or the next navigation it led to. */
function nextHops(exchanges: readonly Exchange[], noise: ReadonlySet<number>): Map<number, number> {
  const byUrl = new Map<string, number[]>();
  exchanges.forEach((e, i) => {
    const key = withoutHash(e.request.url);
    const list = byUrl.get(key);
    if (list) list.push(i);
    else byUrl.set(key, [i]);
  });
  const navigations = exchanges.map((e, i) => (!noise.has(i) && isNavigation(e) ? i : -1)).filter((i) => i >= 0);
  const hops = new Map<number, number>();
  let n = 0;
  exchanges.forEach((e, i) => {
    while (n < navigations.length && navigations[n]! <= i) n += 1;
    const target = redirectTarget(e);
    if (target !== undefined) {
      const hop = byUrl.get(target)?.find((j) => j > i);
      if (hop !== undefined) hops.set(i, hop);
      return;
    }
    if (!isNavigation(e) || noise.has(i)) return;
    const window = navigations.slice(n, n + NEXT_NAVIGATION_WINDOW);
    const hop = window.find((j) => cameFrom(exchanges[j]!, e));
    if (hop !== undefined) hops.set(i, hop);
  });
  return hops;
}

/**
 * The ids an "OAuth only" view keeps. A browser's background requests are never kept (Chromium refreshes its own
 * account tokens too); an exchange a recognizer labelled (anything but `other`) is; so is a back-channel call linked
 * to an exchange that is (Analysis.links). Of the rest, static assets are dropped, and a redirect or a navigation is
 * kept when its next hop is kept, following chains of redirects back to where they began.
 */
export function oauthRelevant(exchanges: readonly Exchange[], analysis: Analysis): Set<string> {
  const labelled = new Set(analysis.labels.filter((l) => l.recognizer !== 'other').map((l) => l.exchangeId));
  const noise = new Set<number>();
  const keep = new Set<string>();
  exchanges.forEach((e, i) => {
    if (isBrowserBackground(e)) noise.add(i);
    else if (labelled.has(e._id)) keep.add(e._id);
  });
  const background = new Set([...noise].map((i) => exchanges[i]!._id));
  for (const link of analysis.links)
    if ((keep.has(link.servesExchangeId) || labelled.has(link.exchangeId)) && !background.has(link.exchangeId))
      keep.add(link.exchangeId);
  exchanges.forEach((e, i) => {
    if (!keep.has(e._id) && isStaticAsset(e)) noise.add(i);
  });
  const hops = nextHops(exchanges, noise);
  for (let i = exchanges.length - 1; i >= 0; i -= 1) {
    const exchange = exchanges[i]!;
    if (keep.has(exchange._id) || noise.has(i)) continue;
    const hop = hops.get(i);
    if (hop !== undefined && keep.has(exchanges[hop]!._id)) keep.add(exchange._id);
  }
  return keep;
}
