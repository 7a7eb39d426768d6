// View-model of the sequence diagram: lanes (browser navigations, the SPA's script, API, authorization server, or hosts), arrows grouped by step, back-channel calls nested under the call they served, static assets marked for folding, browser background left out.
import {
  exchangeLabel,
  headerValue,
  isBrowserBackground,
  isStaticAsset,
  type Analysis,
  type Exchange,
  type RecognizerId,
} from '@oauth-inspector/core';
import { splitUrl } from './exchange-rows.ts';

export interface Lane {
  id: string;
  title: string;
  subtitle: string;
}

export interface Arrow {
  exchangeId: string;
  from: number;
  to: number;
  /** Step number when known, else the position in capture order. */
  number: string;
  label: string;
  kind: 'request' | 'response';
  status: 'ok' | 'error' | 'pending';
  /** A script, stylesheet, image or font no step is about: folded away by default. */
  static: boolean;
  /** A back-channel call drawn inside the exchange it served (the API call that needed the keys). */
  nested: boolean;
  /** Set on the first arrow of each step: `Step 4. The SPA redirects…`. */
  group?: string;
}

export interface DiagramView {
  lanes: Lane[];
  arrows: Arrow[];
  /** Exchanges left out because the diagram only draws the first N. */
  omitted: number;
  /** The browser's own background requests (updates, safe browsing, account checks): not drawn, no lane of their own. */
  background: number;
}

const AUTH_SERVER: ReadonlySet<RecognizerId> = new Set([
  'discovery',
  'jwks',
  'authorization-request',
  'login-page',
  'login-submit',
  'sso-cookie',
  'authorization-response',
  'authorization-error',
  'authorization-error-page',
  'sso-silent-login',
  'token-authorization-code',
  'token-refresh',
  'token-client-credentials',
  'token-password',
  'token-device-code',
  'token-error',
  'userinfo',
  'introspection',
  'revocation',
  'logout',
]);
const API: ReadonlySet<RecognizerId> = new Set(['api-call', 'api-success', 'api-401', 'api-403', 'api-5xx']);

type Role = 'spa' | 'api' | 'as';

/** Gives each host a role from what its exchanges were recognized as (by protocol meaning, not by name). */
function hostRoles(exchanges: readonly Exchange[], analysis: Analysis): Map<string, Role> {
  const byExchange = new Map<string, RecognizerId[]>();
  for (const label of analysis.labels)
    byExchange.set(label.exchangeId, [...(byExchange.get(label.exchangeId) ?? []), label.recognizer]);
  const votes = new Map<string, Record<Role, number>>();
  for (const exchange of exchanges) {
    const host = splitUrl(exchange.request.url).host;
    const tally = votes.get(host) ?? { spa: 0, api: 0, as: 0 };
    for (const label of byExchange.get(exchange._id) ?? []) {
      if (AUTH_SERVER.has(label)) tally.as += 1;
      else if (API.has(label)) tally.api += 1;
      else if (label === 'app-config') tally.spa += 1;
    }
    if ((exchange.response.content.mimeType ?? '').includes('html') && exchange.request.method === 'GET')
      tally.spa += 0.5;
    votes.set(host, tally);
  }
  const roles = new Map<string, Role>();
  for (const [host, tally] of votes) {
    const best = (Object.entries(tally) as [Role, number][]).sort((a, b) => b[1] - a[1])[0];
    if (best && best[1] > 0) roles.set(host, best[0]);
  }
  return roles;
}

const ROLE_TITLE: Record<Role, string> = { spa: 'SPA', api: 'API', as: 'Authorization server' };
const ROLE_ORDER: Record<Role, number> = { spa: 1, api: 2, as: 3 };

export const DIAGRAM_LIMIT = 300;

/** A static asset (core's isStaticAsset) that is part of no lesson step. */
function isStatic(exchange: Exchange, inSteps: ReadonlyMap<string, unknown>): boolean {
  return !inSteps.has(exchange._id) && isStaticAsset(exchange);
}

/** A call the page's script made (fetch or XHR) rather than a navigation of the browser (Fetch Standard §3.1 modes). */
function isScriptCall(exchange: Exchange): boolean {
  const mode = headerValue(exchange.request, 'sec-fetch-mode');
  if (mode) return mode === 'cors' || mode === 'same-origin' || mode === 'no-cors';
  const accept = headerValue(exchange.request, 'accept') ?? '';
  return exchange.request.method !== 'GET'
    ? !!headerValue(exchange.request, 'origin')
    : !/text\/html/.test(accept) && !!headerValue(exchange.request, 'origin');
}

/** Top-level exchanges in capture order, and the back-channel calls each one served (Analysis.links). */
function causalOrder(exchanges: readonly Exchange[], analysis: Analysis) {
  const present = new Set(exchanges.map((e) => e._id));
  const serves = new Map(
    (analysis.links ?? [])
      .filter(
        (l) => present.has(l.exchangeId) && present.has(l.servesExchangeId) && l.exchangeId !== l.servesExchangeId,
      )
      .map((l) => [l.exchangeId, l.servesExchangeId]),
  );
  const children = new Map<string, Exchange[]>();
  for (const e of exchanges) {
    const parent = serves.get(e._id);
    if (parent && !serves.has(parent)) children.set(parent, [...(children.get(parent) ?? []), e]);
  }
  const nested = new Set([...children.values()].flat().map((e) => e._id));
  return { top: exchanges.filter((e) => !nested.has(e._id)), children, nested };
}

/** An exchange's request and response arrows. */
function arrowPair(
  exchange: Exchange,
  from: number,
  to: number,
  number: string,
  marks: Pick<Arrow, 'static' | 'nested'>,
) {
  const path = splitUrl(exchange.request.url).path;
  const shortPath = path.length > 48 ? `${path.slice(0, 47)}…` : path;
  const failed = exchange._state === 'failed';
  const status = exchange._state === 'pending' ? 'pending' : failed || exchange.response.status >= 400 ? 'error' : 'ok';
  const reply = failed
    ? 'failed'
    : exchange._state === 'pending'
      ? '…'
      : `${exchange.response.status} ${exchange.response.statusText}`.trim();
  const id = exchange._id;
  const request: Arrow = {
    exchangeId: id,
    from,
    to,
    number,
    label: `${exchange.request.method} ${shortPath}`,
    kind: 'request',
    status: 'ok',
    ...marks,
  };
  const response: Arrow = {
    exchangeId: id,
    from: to,
    to: from,
    number,
    label: reply,
    kind: 'response',
    status,
    ...marks,
  };
  return [request, response] as const;
}

/** Marks the first request arrow of each step with the step's title. */
function groupBySteps(arrows: Arrow[], stepOf: ReadonlyMap<string, { number: number; title: string }>): void {
  let last: number | undefined;
  for (const arrow of arrows) {
    if (arrow.kind !== 'request' || arrow.nested) continue;
    const step = stepOf.get(arrow.exchangeId);
    if (step && step.number !== last) arrow.group = `Step ${step.number}. ${step.title}`;
    if (step) last = step.number;
  }
}

export function diagramView(exchanges: readonly Exchange[], analysis: Analysis): DiagramView {
  const first = exchanges.slice(0, DIAGRAM_LIMIT);
  const shown = first.filter((e) => !isBrowserBackground(e));
  const roles = hostRoles(shown, analysis);
  const hosts = [...new Set(shown.map((e) => splitUrl(e.request.url).host))];
  hosts.sort(
    (a, b) =>
      ROLE_ORDER[roles.get(a) ?? 'as'] +
      (roles.has(a) ? 0 : 3) -
      (ROLE_ORDER[roles.get(b) ?? 'as'] + (roles.has(b) ? 0 : 3)),
  );
  const lanes: Lane[] = [{ id: 'browser', title: 'Browser', subtitle: 'navigations' }];
  const scripted = new Set(shown.filter((e) => e._channel !== 'back-channel' && isScriptCall(e)).map((e) => e._id));
  if (scripted.size > 0) lanes.push({ id: 'script', title: 'SPA script', subtitle: 'fetch calls' });
  // A back-channel call made for an API call (Analysis.links: a key download, an introspection) starts from that API's
  // lane; any other (a back-end client's own token or UserInfo calls) from a back-end lane: lanes say who calls.
  const byId = new Map(shown.map((e) => [e._id, e]));
  const servedBy = new Map(analysis.links.map((l) => [l.exchangeId, byId.get(l.servesExchangeId)]));
  const callerLane = (e: Exchange) => {
    const served = servedBy.get(e._id);
    return served ? `host:${splitUrl(served.request.url).host}` : 'server';
  };
  if (shown.some((e) => e._channel === 'back-channel' && callerLane(e) === 'server'))
    lanes.push({ id: 'server', title: 'Back-end client', subtitle: 'server-side calls' });
  for (const host of hosts) {
    const role = roles.get(host);
    lanes.push({ id: `host:${host}`, title: role ? ROLE_TITLE[role] : host || '(no host)', subtitle: host });
  }
  const laneIndex = new Map(lanes.map((lane, i) => [lane.id, i]));
  const stepOf = new Map<string, { number: number; title: string }>();
  for (const step of analysis.steps) for (const id of step.exchangeIds) if (!stepOf.has(id)) stepOf.set(id, step);
  const { top, children, nested } = causalOrder(shown, analysis);
  const pair = (exchange: Exchange) => {
    const from =
      exchange._channel === 'back-channel'
        ? (laneIndex.get(callerLane(exchange)) ?? 0)
        : scripted.has(exchange._id)
          ? (laneIndex.get('script') ?? 0)
          : 0;
    const to = laneIndex.get(`host:${splitUrl(exchange.request.url).host}`) ?? 0;
    const step = stepOf.get(exchange._id);
    const number = step !== undefined ? String(step.number) : exchangeLabel(exchange);
    return arrowPair(exchange, from, to, number, {
      static: isStatic(exchange, stepOf),
      nested: nested.has(exchange._id),
    });
  };
  // A served exchange's arrows wrap the back-channel calls made for it: request, the calls, then its response.
  const arrows = top.flatMap((exchange) => {
    const [request, response] = pair(exchange);
    return [request, ...(children.get(exchange._id) ?? []).flatMap((c) => [...pair(c)]), response];
  });
  groupBySteps(arrows, stepOf);
  return {
    lanes,
    arrows,
    omitted: Math.max(0, exchanges.length - first.length),
    background: first.length - shown.length,
  };
}
