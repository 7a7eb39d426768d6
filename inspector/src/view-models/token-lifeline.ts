// Tokens told apart: each token's kind, the flow it belongs to, issue and expiry relative to capture time, and its lifeline (issued, presented, refreshed, refused, expired).
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
  /** `sign-in 1 (authorization-code)`, when the token belongs to a correlated flow. */
  flow?: string;
  issued?: string;
  expires?: string;
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

function claimTime(token: TokenInfo, name: string) {
  return token.claims?.find((c) => c.name === name)?.time;
}

function sightingEvent(location: string, exchange: Exchange): LifeEventKind {
  if (location.startsWith('response.')) return 'issued';
  if (/refresh_token$/.test(location)) return 'refreshed';
  return exchange.response.status === 401 ? 'refused' : 'presented';
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
  const out = new Map<string, TokenSummary>();
  for (const token of tokens) {
    const n = (perKind.get(token.kind) ?? 0) + 1;
    perKind.set(token.kind, n);
    const first = token.sightings[0]?.exchangeId;
    const flowAt = flows.findIndex((f) => first !== undefined && f.exchangeIds.includes(first));
    const iat = claimTime(token, 'iat');
    const exp = claimTime(token, 'exp');
    const events = lifeline(token, exchanges);
    out.set(token.id, {
      name: `${KIND_NAMES[token.kind] ?? token.kind} ${n}`,
      ...(flowAt >= 0 ? { flow: `sign-in ${flowAt + 1} (${flows[flowAt]!.kind})` } : {}),
      ...(iat ? { issued: `issued ${formatRelative(iat.relativeSeconds)}` } : {}),
      ...(exp ? { expires: `expires ${formatRelative(exp.relativeSeconds)}` } : {}),
      lifeline: events,
      spanMs: Math.max(1, ...events.map((e) => e.atMs)),
    });
  }
  return out;
}
