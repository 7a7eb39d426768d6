// The undoable incremental append: fold one new exchange into the state in place and recompute only the findings it can affect.
import type { RecognizerId } from './ids.ts';
import type { Finding } from './types.ts';
import type { ExchangeFacts } from './exchange-facts.ts';
import { buildContext, isKeyFailure, type AnalysisContext } from './context.ts';
import type { TokenCollector, TokenRecord } from './tokens.ts';
import type { CryptoCache } from './crypto-cache.ts';
import { extrasByExchange, labelArray, recognize, type CachedFacts, type State } from './fold.ts';
import { runChecks } from './run-checks.ts';
import { addToLinks } from './links.ts';
import { assign, pushTo, setIn, type UndoJournal } from './undo-journal.ts';

/** How many of the newest exchanges a rebuild may fold in place, so that pending ones among them can complete cheaply. */
const MAX_TAIL = 48;

/** A metadata document, a key set, an authorization request or a request to the authorization endpoint: each changes the shared context. */
function changesContext(c: CachedFacts, endpoints: AnalysisContext['endpoints']): boolean {
  const f = c.facts;
  if (c.intrinsic.meta || c.intrinsic.keys) return true;
  if (
    (f.query.has('response_type') && f.query.has('client_id')) ||
    (f.form.has('response_type') && f.form.has('client_id'))
  )
    return true;
  return endpoints.get(f.endpoint)?.kind === 'authorization';
}

/** A bearer token sent outside the authorization server's endpoints: the first one to an origin makes it an API origin. */
function sendsBearerToApi(f: ExchangeFacts, endpoints: AnalysisContext['endpoints']): boolean {
  return Boolean(f.bearer && f.origin && !endpoints.has(f.endpoint) && !/\/userinfo/i.test(f.path));
}

/** An exchange that changes nothing shared (metadata, keys, authorization server or API origins) can be appended in place. */
export function isContextNeutral(ctx: AnalysisContext, c: CachedFacts): boolean {
  if (changesContext(c, ctx.endpoints)) return false;
  return !(sendsBearerToApi(c.facts, ctx.endpoints) && !ctx.apiOrigins.has(c.facts.origin));
}

/** Adds the exchange to the facts, the flows and the tokens; returns its recognizer verdicts and the tokens it touched. */
async function foldIn(
  state: State,
  c: CachedFacts,
  crypto: CryptoCache,
  journal: UndoJournal,
): Promise<{ base: Map<RecognizerId, string>; touched: ReturnType<TokenCollector['add']>; relinked: string[] }> {
  const f = c.facts;
  pushTo(journal, state.cached, c);
  setIn(journal, state.cachedById, f.id, c);
  pushTo(journal, state.ctx.facts, f);
  setIn(journal, state.ctx.byId, f.id, f);
  if (isKeyFailure(f, state.ctx.endpoints)) pushTo(journal, state.ctx.keyFailures, f);
  assign(journal, state, 'maxSeq', f.seq);
  const relinked = addToLinks(state.ctx, f, journal);
  const base = recognize(c, state.ctx, state.version);
  state.correlator.journal = journal;
  try {
    state.correlator.push(state.ctx, f, base);
  } finally {
    state.correlator.journal = undefined;
  }
  const touched = state.collector.add(f, crypto, true, journal);
  await state.collector.verify(touched, state.ctx.keys, crypto);
  return { base, touched, relinked };
}

/** Relabels the new exchange and every exchange whose flow-derived labels changed; true when an earlier one changed. */
function relabel(state: State, f: ExchangeFacts, base: Map<RecognizerId, string>, journal: UndoJournal): boolean {
  // Flow-derived labels change only when a login page or an authorization response joins a flow.
  const flowShape =
    base.has('login-page') ||
    base.has('login-submit') ||
    base.has('authorization-response') ||
    base.has('authorization-error');
  if (flowShape) assign(journal, state, 'flows', state.correlator.finish());
  const extras = flowShape ? extrasByExchange(state.flows) : state.extraKeys;
  const ids = new Set<string>([f.id]);
  const derivedKey = (m: Map<RecognizerId, string> | undefined) =>
    m ? [...m].map(([k, v]) => `${k}=${v}`).join('\u0000') : '';
  if (flowShape)
    for (const id of new Set([...state.extraKeys.keys(), ...extras.keys()])) {
      if (derivedKey(state.extraKeys.get(id)) !== derivedKey(extras.get(id))) ids.add(id);
    }
  for (const id of ids) {
    const cc = state.cachedById.get(id)!;
    setIn(journal, state.labelSets, id, state.labelSets.get(id)!);
    setIn(
      journal,
      state.labelArrays,
      id,
      labelArray(state, cc.facts, extras.get(id), recognize(cc, state.ctx, state.version)),
    );
  }
  assign(journal, state, 'extraKeys', extras);
  return ids.size > 1;
}

/** Recomputes the findings anchored at the new exchange and at the sightings of the tokens it touched; true when an earlier one changed. */
async function recheck(
  state: State,
  f: ExchangeFacts,
  touched: Iterable<TokenRecord>,
  relinked: string[],
  crypto: CryptoCache,
  journal: UndoJournal,
): Promise<boolean> {
  // The exchanges a new back-channel call served (or stopped serving) are judged again with it.
  const dirty = new Set<string>([f.id, ...relinked]);
  for (const t of touched) for (const s of t.info.sightings) dirty.add(s.exchangeId);
  const previous = new Map<string, Finding[]>();
  for (const id of dirty) {
    const bucket = state.buckets.get(id);
    if (bucket) previous.set(id, bucket);
    // Only dirty buckets change below: restoring them undoes every finding this append adds, replaces or drops.
    journal.record(() => (bucket ? state.buckets.set(id, bucket) : state.buckets.delete(id)));
    state.buckets.delete(id);
  }
  await runChecks(state, crypto, dirty);
  // Keep the old finding objects where nothing changed, so the flattened list can simply be extended.
  let changed = false;
  for (const [id, before] of previous) {
    const after = state.buckets.get(id);
    if (after && JSON.stringify(after) === JSON.stringify(before)) state.buckets.set(id, before);
    else changed = true;
  }
  for (const id of dirty) if (id !== f.id && !previous.has(id) && state.buckets.has(id)) changed = true;
  return changed;
}

/**
 * Appends one exchange to the fold and recomputes only the findings anchored where it can matter. Every change to
 * what existed before is recorded in the journal, so the append can be rolled back (see AppendHistory).
 */
export async function appendToState(
  state: State,
  c: CachedFacts,
  crypto: CryptoCache,
  journal: UndoJournal,
): Promise<void> {
  const f = c.facts;
  const { base, touched, relinked } = await foldIn(state, c, crypto, journal);
  const labelsChanged = relabel(state, f, base, journal);
  const findingsChanged = await recheck(state, f, touched, relinked, crypto, journal);
  if (!state.flat) return;
  // Once stale, the lists are rebuilt by the next result: later appends of the same batch must not extend them.
  if (labelsChanged || findingsChanged) state.flat = { flows: state.flat.flows, labels: [], findings: [], stale: true };
  else if (!state.flat.stale) {
    state.flat.labels.push(...state.labelArrays.get(f.id)!);
    state.flat.findings.push(...(state.buckets.get(f.id) ?? []));
  }
}

function isPending(c: CachedFacts): boolean {
  return c.facts.exchange._state === 'pending';
}

/**
 * Where a rebuild over `ordered` may stop folding in bulk: from the earliest recent pending exchange on, provided every
 * exchange after it would be context neutral for the state built from the exchanges before it (the same rules as
 * isContextNeutral). Returns ordered.length when there is no such tail.
 */
export function tailStart(ordered: CachedFacts[]): number {
  const lowest = Math.max(0, ordered.length - MAX_TAIL);
  const firstPending = (from: number) => {
    for (let i = Math.max(from, lowest); i < ordered.length; i++) if (isPending(ordered[i]!)) return i;
    return ordered.length;
  };
  let k = firstPending(lowest);
  if (k === ordered.length) return k;
  // Metadata documents, key sets, authorization requests and requests to the authorization endpoint must stay in the bulk part.
  const metas = ordered.filter((c) => c.intrinsic.meta).map((c) => c.facts);
  const { endpoints } = buildContext(
    metas,
    () => true,
    () => false,
  );
  let floor = 0;
  for (let i = ordered.length - 1; i >= lowest; i--) {
    if (changesContext(ordered[i]!, endpoints)) {
      floor = i + 1;
      break;
    }
  }
  // The first bearer token sent to an origin makes it an API origin: that exchange must stay in the bulk part too.
  const firstBearer = new Map<string, number>();
  ordered.forEach((c, i) => {
    if (sendsBearerToApi(c.facts, endpoints) && !firstBearer.has(c.facts.origin)) firstBearer.set(c.facts.origin, i);
  });
  for (;;) {
    k = firstPending(Math.max(k, floor));
    if (k === ordered.length) return k;
    let moved = false;
    for (const i of firstBearer.values()) {
      if (i >= k) {
        floor = Math.max(floor, i + 1);
        moved = true;
      }
    }
    if (!moved) return k;
  }
}
