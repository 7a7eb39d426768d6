// View-model of the sequence diagram: lanes (browser, SPA, API, authorization server, or hosts) and numbered arrows.
import type { Analysis, Exchange, RecognizerId } from '@oauth-inspector/core';
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
}

export interface DiagramView {
  lanes: Lane[];
  arrows: Arrow[];
  /** Exchanges left out because the diagram only draws the first N. */
  omitted: number;
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

export function diagramView(exchanges: readonly Exchange[], analysis: Analysis): DiagramView {
  const shown = exchanges.slice(0, DIAGRAM_LIMIT);
  const roles = hostRoles(shown, analysis);
  const hosts = [...new Set(shown.map((e) => splitUrl(e.request.url).host))];
  hosts.sort(
    (a, b) =>
      ROLE_ORDER[roles.get(a) ?? 'as'] +
      (roles.has(a) ? 0 : 3) -
      (ROLE_ORDER[roles.get(b) ?? 'as'] + (roles.has(b) ? 0 : 3)),
  );
  const lanes: Lane[] = [{ id: 'browser', title: 'Browser', subtitle: 'the user’s browser' }];
  const hasBackChannel = shown.some((e) => e._channel === 'back-channel');
  // With one API in the traffic, its back-channel calls (key downloads, introspection) start from its own lane;
  // otherwise the server-side caller is unknown and gets a lane of its own.
  const apiHosts = hosts.filter((h) => roles.get(h) === 'api');
  const backChannelFrom = hasBackChannel && apiHosts.length === 1 ? `host:${apiHosts[0]}` : 'server';
  if (hasBackChannel && backChannelFrom === 'server')
    lanes.push({ id: 'server', title: 'Back channel', subtitle: 'server-side client' });
  for (const host of hosts) {
    const role = roles.get(host);
    lanes.push({ id: `host:${host}`, title: role ? ROLE_TITLE[role] : host || '(no host)', subtitle: host });
  }
  const laneIndex = new Map(lanes.map((lane, i) => [lane.id, i]));
  const stepOf = new Map<string, number>();
  for (const step of analysis.steps)
    for (const id of step.exchangeIds) if (!stepOf.has(id)) stepOf.set(id, step.number);
  const arrows: Arrow[] = [];
  for (const exchange of shown) {
    const { host, path } = splitUrl(exchange.request.url);
    const from = exchange._channel === 'back-channel' ? (laneIndex.get(backChannelFrom) ?? 0) : 0;
    const to = laneIndex.get(`host:${host}`) ?? 0;
    const step = stepOf.get(exchange._id);
    const number = step !== undefined ? String(step) : `#${exchange._seq + 1}`;
    const shortPath = path.length > 48 ? `${path.slice(0, 47)}…` : path;
    arrows.push({
      exchangeId: exchange._id,
      from,
      to,
      number,
      label: `${exchange.request.method} ${shortPath}`,
      kind: 'request',
      status: 'ok',
    });
    const failed = exchange._state === 'failed';
    const status =
      exchange._state === 'pending' ? 'pending' : failed || exchange.response.status >= 400 ? 'error' : 'ok';
    const reply = failed
      ? 'failed'
      : exchange._state === 'pending'
        ? '…'
        : `${exchange.response.status} ${exchange.response.statusText}`.trim();
    arrows.push({ exchangeId: exchange._id, from: to, to: from, number, label: reply, kind: 'response', status });
  }
  return { lanes, arrows, omitted: Math.max(0, exchanges.length - shown.length) };
}
