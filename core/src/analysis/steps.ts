// Maps labels and findings onto the steps of a lesson track: a step is marked by its own exchanges and their findings only.
import type { ExchangeLabel, Finding, StepResult, StepStatus, TokenInfo, TrackDefinition, TrackStep } from './types.ts';

/** What steps read besides labels and findings: where each exchange was sent, and where each token was seen. */
export interface StepInputs {
  /** origin + path of an exchange, to tell which call a preflight prepared. */
  endpointOf(exchangeId: string): string | undefined;
  tokens: readonly TokenInfo[];
  /** The exchange is a server-to-server call (the API's), not the browser's. */
  isBackChannel(exchangeId: string): boolean;
}

/** The only labels through which a server's own calls join a step: the API fetching keys or introspecting a token (and the introspection answers' kinds). */
const BACK_END_LABELS: ReadonlySet<string> = new Set([
  'jwks',
  'introspection',
  'introspection-active',
  'introspection-inactive',
  'introspection-refused',
]);

/** The exchange a finding is anchored at: its id is `${checkId}:${exchangeId}`, with `:n` for a repeat. */
function anchorOf(f: Finding): string {
  return f.id.slice(f.checkId.length + 1).replace(/:\d+$/, '');
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

/**
 * The exchanges of a step, in capture order. A CORS preflight belongs to a step only next to the call it prepared (an
 * exchange of the same step sent to the same endpoint): the preflight of UserInfo is not part of the API call.
 */
function stepExchanges(
  step: TrackStep,
  byRecognizer: Map<string, ExchangeLabel[]>,
  inputs: StepInputs,
  anyClient: boolean,
): string[] {
  const labelled = new Map<string, Set<string>>();
  for (const r of step.recognizers)
    for (const l of byRecognizer.get(r) ?? []) {
      // Back-end traffic is not the SPA: a server's discovery or token request is no step of the browser's.
      if (!anyClient && !BACK_END_LABELS.has(r) && inputs.isBackChannel(l.exchangeId)) continue;
      const set = labelled.get(l.exchangeId) ?? new Set<string>();
      labelled.set(l.exchangeId, set.add(r));
    }
  const isPreflightOnly = (id: string) => {
    const rs = labelled.get(id)!;
    return rs.size === 1 && rs.has('cors-preflight');
  };
  const calls = new Set<string | undefined>();
  for (const id of labelled.keys()) if (!isPreflightOnly(id)) calls.add(inputs.endpointOf(id));
  return [...labelled.keys()].filter((id) => !isPreflightOnly(id) || calls.has(inputs.endpointOf(id)));
}

/**
 * The findings of a step: those of its checks anchored at one of the step's exchanges, or about a token seen in one. Other
 * evidence (the key set a signature was checked with) does not tie a finding to a step.
 */
function stepFindings(
  step: TrackStep,
  scope: Set<string>,
  byCheck: Map<string, Finding[]>,
  tokenById: Map<string, TokenInfo>,
): Finding[] {
  const seenHere = (tokenId: string | undefined) =>
    tokenId !== undefined && tokenById.get(tokenId)?.sightings.some((s) => scope.has(s.exchangeId)) === true;
  return step.checks.flatMap((c) =>
    (byCheck.get(c) ?? []).filter((f) => scope.has(anchorOf(f)) || f.evidence.some((e) => seenHere(e.tokenId))),
  );
}

export function mapSteps(
  track: TrackDefinition | undefined,
  labels: ExchangeLabel[],
  findings: Finding[],
  inputs: StepInputs,
): StepResult[] {
  if (!track) return [];
  const byRecognizer = group(labels, (l) => l.recognizer);
  const byCheck = group(findings, (f) => f.checkId);
  const order = new Map<string, number>();
  for (const l of labels) if (!order.has(l.exchangeId)) order.set(l.exchangeId, order.size);
  const byId = new Map(track.steps.map((s) => [s.id, s]));
  const tokenById = new Map(inputs.tokens.map((t) => [t.id, t]));
  const own = new Map(
    track.steps.map((s) => [
      s.id,
      stepExchanges(s, byRecognizer, inputs, track.clients === 'any').sort((a, b) => order.get(a)! - order.get(b)!),
    ]),
  );
  /** A step with no message of its own is explained by the step it is inferred from (followed along the chain). */
  const source = (step: TrackStep): TrackStep | undefined => {
    const seen = new Set<string>();
    let s: TrackStep | undefined = step;
    while (s && own.get(s.id)!.length === 0 && s.inferredFrom && !seen.has(s.id)) {
      seen.add(s.id);
      s = byId.get(s.inferredFrom);
    }
    return s && own.get(s.id)!.length > 0 ? s : undefined;
  };
  return track.steps.map((step) => {
    const exchangeIds = own.get(step.id)!;
    const from = exchangeIds.length === 0 && step.inferredFrom ? source(step) : undefined;
    const scope = new Set(from ? own.get(from.id)! : exchangeIds);
    const mine = stepFindings(step, scope, byCheck, tokenById);
    const failed = mine.some((f) => f.status === 'fail');
    const status: StepStatus =
      scope.size === 0 ? 'not-seen' : failed ? 'failed' : exchangeIds.length > 0 ? 'seen' : 'explained';
    return {
      stepId: step.id,
      number: step.number,
      title: step.title,
      status,
      exchangeIds,
      findingIds: mine.map((f) => f.id),
      inferred: from !== undefined,
    };
  });
}
