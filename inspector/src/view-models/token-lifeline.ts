// Tokens told apart: each token's kind and number, the flow that produced it, issue and expiry (clock time and into the capture), uses, status and lifeline.
import { exchangeLabel, type Exchange, type FlowInfo, type TokenInfo } from '@oauth-inspector/core';
import { formatRelative } from './tokens.ts';

export type LifeEventKind = 'issued' | 'presented' | 'refreshed' | 'refused' | 'expired';

export interface LifeEvent {
  kind: LifeEventKind;
  /** Milliseconds since the token was first seen. */
  atMs: number;
  exchangeId?: string;
  /** `#12`, the exchange's position in capture order. */
  where?: string;
}

export interface TokenSummary {
  /** `access token 2`: its kind, numbered among the tokens of that kind. */
  name: string;
  /** `authorization code flow 1`, `refresh 2`, `client credentials 1`: the flow that produced it, numbered per kind. */
  flow?: string;
  /** `issued 12:01:05 UTC, 2 min into the capture` from `iat` or the response that issued it, else `first seen …`. */
  issued?: string;
  /** `expires 12:16:05 UTC, 15 min after issue`, or `no exp` for a token without one. */
  expires: string;
  /** How many exchanges presented it (as a bearer, in a form or query), not counting where it was issued. */
  uses: number;
  /**
   * `redeemed` for an authorization code the token endpoint accepted (single use, RFC 6749 §4.1.2), `expired` once
   * `exp` lies before the end of the capture, `refused` when its last presentation got 401, else `active`.
   */
  status: 'active' | 'expired' | 'refused' | 'redeemed';
  lifeline: LifeEvent[];
  /** The span the lifeline draws, in milliseconds from the first event. */
  spanMs: number;
}

const KIND_NAMES: Record<string, string> = {
  'access-token': 'access token',
  'id-token': 'ID token',
  'refresh-token': 'refresh token',
  'authorization-code': 'authorization code',
  'logout-token': 'logout token',
  'client-assertion': 'client assertion',
};

const FLOW_NAMES: Record<FlowInfo['kind'], string> = {
  'authorization-code': 'authorization code flow',
  implicit: 'implicit flow',
  hybrid: 'hybrid flow',
  refresh: 'refresh',
  'client-credentials': 'client credentials',
  password: 'password grant',
  'device-code': 'device code flow',
  unknown: 'flow',
};

/** `12:01:05 UTC` for an epoch-milliseconds time. */
function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** `2 min` for 125 seconds: the rounded amount in the largest unit that fits. */
function span(seconds: number): string {
  return formatRelative(seconds)
    .replace(/ (after|before) capture$/, '')
    .replace('at capture time', '0 s');
}

/** Each flow's name numbered among the flows of its kind, in the analyzer's order. */
function flowNames(flows: readonly FlowInfo[]): Map<string, string> {
  const perKind = new Map<string, number>();
  return new Map(
    flows.map((f) => {
      const n = (perKind.get(f.kind) ?? 0) + 1;
      perKind.set(f.kind, n);
      return [f.id, `${FLOW_NAMES[f.kind]} ${n}`];
    }),
  );
}

/** Issue, expiry, uses and status of one token, times against the capture's first and last exchange. */
function timesAndUse(
  token: TokenInfo,
  events: readonly LifeEvent[],
  exchanges: ReadonlyMap<string, Exchange>,
  [start, end]: readonly [number, number],
) {
  const first = token.sightings.find((s) => exchanges.has(s.exchangeId));
  const firstSeen = first ? exchanges.get(first.exchangeId) : undefined;
  const iat = claimTime(token, 'iat');
  const exp = claimTime(token, 'exp');
  // Without iat, the first sighting tells the issue time only when it is the response that issued the token.
  const seenIssued = first?.location.startsWith('response.') ?? false;
  const issuedAt = iat ? Date.parse(iat.iso) : firstSeen ? Date.parse(firstSeen.startedDateTime) : NaN;
  const when = (ms: number, base: number, what: string) => `${span((ms - base) / 1000)} ${ms < base ? 'before' : what}`;
  const expAt = exp ? Date.parse(exp.iso) : NaN;
  const presented = events.filter((e) => e.kind === 'presented' || e.kind === 'refused' || e.kind === 'refreshed');
  const last = presented.at(-1);
  return {
    ...(Number.isFinite(issuedAt)
      ? {
          issued: `${iat || seenIssued ? 'issued' : 'first seen'} ${clock(issuedAt)}, ${when(issuedAt, start, 'into')} the capture`,
        }
      : {}),
    expires: Number.isFinite(expAt)
      ? `expires ${clock(expAt)}${Number.isFinite(issuedAt) ? `, ${when(expAt, issuedAt, 'after')} issue` : ''}`
      : 'no exp',
    uses: new Set(presented.map((e) => e.exchangeId)).size,
    status: (redeemed(token, exchanges)
      ? 'redeemed'
      : Number.isFinite(expAt) && expAt <= end
        ? 'expired'
        : last?.kind === 'refused'
          ? 'refused'
          : 'active') as TokenSummary['status'],
  };
}

/** An authorization code sent in a token request's form that got a 2xx answer: spent, whatever its age. */
function redeemed(token: TokenInfo, exchanges: ReadonlyMap<string, Exchange>): boolean {
  if (token.kind !== 'authorization-code') return false;
  return token.sightings.some((s) => {
    const status = exchanges.get(s.exchangeId)?.response.status ?? 0;
    return s.location === 'request.form.code' && status >= 200 && status < 300;
  });
}

function claimTime(token: TokenInfo, name: string) {
  return token.claims?.find((c) => c.name === name)?.time;
}

/** A 401 refuses a bearer (RFC 6750 §3.1); a token endpoint refuses a grant with a 400 error (RFC 6749 §5.2). */
function sightingEvent(location: string, exchange: Exchange): LifeEventKind {
  if (location.startsWith('response.')) return 'issued';
  const status = exchange.response.status;
  if (status === 401 || (location.startsWith('request.form.') && status >= 400 && status < 500)) return 'refused';
  return /refresh_token$/.test(location) ? 'refreshed' : 'presented';
}

/** The lifeline of one token from its sightings (in capture order) and its `exp` claim. */
function lifeline(token: TokenInfo, exchanges: ReadonlyMap<string, Exchange>) {
  const seen = token.sightings.flatMap((s) => {
    const exchange = exchanges.get(s.exchangeId);
    return exchange ? [{ s, exchange, at: Date.parse(exchange.startedDateTime) }] : [];
  });
  const start = seen.length ? Math.min(...seen.map((x) => x.at)) : 0;
  const events: LifeEvent[] = seen.map(({ s, exchange, at }) => ({
    kind: sightingEvent(s.location, exchange),
    atMs: at - start,
    exchangeId: s.exchangeId,
    where: exchangeLabel(exchange),
  }));
  const exp = claimTime(token, 'exp');
  if (exp && seen.length) {
    const at = Date.parse(exp.iso) - start;
    const last = Math.max(...events.map((e) => e.atMs));
    if (at <= last) events.push({ kind: 'expired', atMs: at });
  }
  events.sort((a, b) => a.atMs - b.atMs);
  return events;
}

/** One summary per token, numbered per kind in the order the analyzer lists them. */
export function tokenSummaries(
  tokens: readonly TokenInfo[],
  flows: readonly FlowInfo[],
  exchanges: ReadonlyMap<string, Exchange>,
): Map<string, TokenSummary> {
  const perKind = new Map<string, number>();
  const names = flowNames(flows);
  const times = [...exchanges.values()].map((e) => Date.parse(e.startedDateTime)).filter(Number.isFinite);
  const bounds = [times.length ? Math.min(...times) : 0, times.length ? Math.max(...times) : 0] as const;
  const out = new Map<string, TokenSummary>();
  for (const token of tokens) {
    const n = (perKind.get(token.kind) ?? 0) + 1;
    perKind.set(token.kind, n);
    const first = token.sightings[0]?.exchangeId;
    const flow = flows.find((f) => first !== undefined && f.exchangeIds.includes(first));
    const events = lifeline(token, exchanges);
    out.set(token.id, {
      name: `${KIND_NAMES[token.kind] ?? token.kind} ${n}`,
      ...(flow ? { flow: names.get(flow.id)! } : {}),
      ...timesAndUse(token, events, exchanges, bounds),
      lifeline: events,
      spanMs: Math.max(1, ...events.map((e) => e.atMs)),
    });
  }
  return out;
}

/** What a row in the token list says under the name: flow, issue, expiry and uses. */
export function summaryLine(summary: TokenSummary): string {
  return [summary.flow, summary.issued, summary.expires, `used ${summary.uses}×`].filter(Boolean).join(' · ');
}
