// Causality, not capture order: links each back-channel call (key download, introspection) to the API call whose time span holds it.
import type { ExchangeFacts } from './exchange-facts.ts';
import type { AnalysisContext } from './context.ts';
import type { ExchangeLink } from './types.ts';
import { pushTo, setIn, type UndoJournal } from './undo-journal.ts';

/** The links of a context: back-channel calls in capture order, and the exchange each one served. */
export interface LinkIndex {
  backChannel: ExchangeFacts[];
  /** Back-channel exchange id → id of the exchange it was made for. */
  servedBy: Map<string, string>;
}

/** A server-to-server call the proxy captured as such (the API asking for keys or for an introspection). */
export function isBackChannel(f: ExchangeFacts): boolean {
  return f.exchange._channel === 'back-channel';
}

/** An exchange a back-channel call can serve: a request that carried a bearer token to a resource server. */
function canServe(f: ExchangeFacts, ctx: Pick<AnalysisContext, 'apiOrigins'>): boolean {
  return !isBackChannel(f) && f.bearer !== undefined && ctx.apiOrigins.has(f.origin);
}

/** When the exchange ended; a pending one (no answer yet) is still open. */
function endOf(f: ExchangeFacts): number {
  if (f.exchange._state === 'pending') return Infinity;
  const d = f.exchange.time;
  return f.time + (typeof d === 'number' && d > 0 ? d : 0);
}

/** The back-channel call started inside the served exchange's span and, when it has ended, ended inside it too. */
function holds(outer: ExchangeFacts, inner: ExchangeFacts): boolean {
  if (!Number.isFinite(outer.time) || !Number.isFinite(inner.time)) return false;
  const innerEnd = inner.exchange._state === 'pending' ? inner.time : endOf(inner);
  return outer.time <= inner.time && innerEnd <= endOf(outer);
}

/** Of two exchanges holding the same call, the innermost (latest start) wins; equal starts go to the earlier capture. */
function better(a: ExchangeFacts, b: ExchangeFacts | undefined): boolean {
  return !b || a.time > b.time || (a.time === b.time && a.seq < b.seq);
}

function bestHolder(
  inner: ExchangeFacts,
  candidates: Iterable<ExchangeFacts>,
  ctx: AnalysisContext,
): ExchangeFacts | undefined {
  let best: ExchangeFacts | undefined;
  for (const c of candidates) if (c !== inner && canServe(c, ctx) && holds(c, inner) && better(c, best)) best = c;
  return best;
}

/** Builds the links of a whole fold. */
export function buildLinks(ctx: AnalysisContext): LinkIndex {
  const backChannel = ctx.facts.filter(isBackChannel);
  const servedBy = new Map<string, string>();
  if (backChannel.length === 0) return { backChannel, servedBy };
  const servers = ctx.facts.filter((f) => canServe(f, ctx));
  for (const b of backChannel) {
    const holder = bestHolder(b, servers, ctx);
    if (holder) servedBy.set(b.id, holder.id);
  }
  return { backChannel, servedBy };
}

/**
 * Folds one new exchange into the links (journaled); returns the ids of the exchanges whose served calls changed, so
 * the findings anchored there are recomputed.
 */
export function addToLinks(ctx: AnalysisContext, f: ExchangeFacts, journal: UndoJournal): string[] {
  const links = ctx.links;
  const changed: string[] = [];
  if (isBackChannel(f)) {
    pushTo(journal, links.backChannel, f);
    const holder = bestHolder(f, ctx.facts, ctx);
    if (holder) {
      setIn(journal, links.servedBy, f.id, holder.id);
      changed.push(holder.id);
    }
  } else if (canServe(f, ctx)) {
    for (const b of links.backChannel) {
      const current = links.servedBy.get(b.id);
      if (!holds(f, b) || !better(f, current === undefined ? undefined : ctx.byId.get(current))) continue;
      if (current !== undefined) changed.push(current);
      setIn(journal, links.servedBy, b.id, f.id);
    }
  }
  return changed;
}

/** The back-channel calls made while serving `f`, in capture order. */
export function servedCalls(ctx: AnalysisContext, f: ExchangeFacts): ExchangeFacts[] {
  return ctx.links.backChannel.filter((b) => ctx.links.servedBy.get(b.id) === f.id);
}

/** The links as the analysis reports them, in the capture order of the back-channel calls. */
export function linkList(links: LinkIndex): ExchangeLink[] {
  const out: ExchangeLink[] = [];
  for (const b of links.backChannel) {
    const served = links.servedBy.get(b.id);
    if (served !== undefined) out.push({ exchangeId: b.id, servesExchangeId: served });
  }
  return out;
}
