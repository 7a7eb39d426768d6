// Selectors for the selected exchange: the exchange itself (if the user may see it), its detail, labels and tokens.
import { exchangeLabel, type Analysis, type Exchange, type TokenInfo } from '@oauth-inspector/core';
import { exchangeDetail } from '../view-models/exchange-detail.ts';
import { tokensInExchange } from '../view-models/tokens.ts';
import type { InspectorState } from './inspector-state.ts';
import { memo } from './memo.ts';

/** A token as the exchange detail lists it: which one, and where in this exchange it was seen. */
export interface TokenHere {
  id: string;
  kind: string;
  location: string;
}
export interface LabelHere {
  recognizer: string;
  summary: string;
}

/** An exchange another one links to (Analysis.links): its `#N`, and method and URL to say what it is. */
export interface LinkHere {
  id: string;
  label: string;
  title: string;
}
/** The call a back-channel exchange was made to answer, and the back-channel calls made to answer this one. */
export interface LinksHere {
  servedBy?: LinkHere;
  calls: LinkHere[];
}

/** The links of exchange `id` to exchanges the user may see (revealed so far in replay). */
export function linksHere(
  analysis: Analysis,
  exchanges: readonly Exchange[],
  index: ReadonlyMap<string, number>,
  id: string | undefined,
  revealed: number | null,
): LinksHere {
  const visible = (other: string): LinkHere[] => {
    const at = index.get(other);
    const x = at !== undefined && (revealed === null || at < revealed) ? exchanges[at] : undefined;
    return x ? [{ id: x._id, label: exchangeLabel(x), title: `${x.request.method} ${x.request.url}` }] : [];
  };
  if (id === undefined) return { calls: [] };
  const served = analysis.links.filter((l) => l.exchangeId === id).flatMap((l) => visible(l.servesExchangeId))[0];
  const calls = analysis.links.filter((l) => l.servesExchangeId === id).flatMap((l) => visible(l.exchangeId));
  return { ...(served ? { servedBy: served } : {}), calls };
}

/** One set per app (their caches are per instance), over the analysis shown and the tokens found in it. */
export function createSelectedSelectors(
  shownAnalysis: (s: InspectorState) => Analysis,
  tokens: (s: InspectorState) => readonly TokenInfo[],
) {
  // The open exchange's detail (bodies pretty-printed) is built once per version of it, not on every render.
  const detailOf = memo(exchangeDetail);
  const selectedOf = memo(
    (
      exchanges: readonly Exchange[],
      index: ReadonlyMap<string, number>,
      id: string | undefined,
      revealed: number | null,
    ) => {
      const at = id === undefined ? undefined : index.get(id);
      return at !== undefined && (revealed === null || at < revealed) ? exchanges[at] : undefined;
    },
  );
  const labelsOf = memo((analysis: Analysis, id: string | undefined): LabelHere[] =>
    id === undefined
      ? []
      : analysis.labels
          .filter((l) => l.exchangeId === id)
          .map((l) => ({ recognizer: l.recognizer, summary: l.summary })),
  );
  const tokensHereOf = memo((all: readonly TokenInfo[], id: string | undefined): TokenHere[] =>
    id === undefined
      ? []
      : tokensInExchange(all, id).map((t) => ({
          id: t.id,
          kind: t.kind,
          location: t.sightings.find((x) => x.exchangeId === id)?.location ?? '',
        })),
  );
  const linksOf = memo(linksHere);
  const selected = (s: InspectorState) => selectedOf(s.exchanges, s.index, s.selectedExchangeId, s.revealed);

  return {
    /** The selected exchange if the user may see it (revealed in replay). */
    selected,
    selectedDetail: (s: InspectorState) => {
      const exchange = selected(s);
      return exchange ? detailOf(exchange) : undefined;
    },
    selectedLabels: (s: InspectorState) => labelsOf(shownAnalysis(s), selected(s)?._id),
    selectedTokens: (s: InspectorState) => tokensHereOf(tokens(s), selected(s)?._id),
    selectedLinks: (s: InspectorState) => linksOf(shownAnalysis(s), s.exchanges, s.index, selected(s)?._id, s.revealed),
  };
}
