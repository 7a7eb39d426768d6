// View-model of the exchange list: one flat row per exchange (method, host, path, status, channel, step, finding) and filtering.
import {
  insecureUpstreamNote,
  isBrowserBackground,
  oauthRelevant,
  exchangeLabel,
  type Analysis,
  type CheckStatus,
  type Exchange,
  type TrackDefinition,
} from '@oauth-inspector/core';
import { searchText } from './exchange-search.ts';

export interface ExchangeRow {
  id: string;
  seq: number;
  /** `#N`, the exchange's shared id (core's exchange-number.ts): the CLI names it the same. */
  label: string;
  method: string;
  host: string;
  path: string;
  status: string;
  statusClass: 'ok' | 'redirect' | 'client-error' | 'server-error' | 'pending' | 'failed';
  channel: 'browser' | 'back channel' | 'other';
  /** Step number and title when the exchange belongs to a lesson step, else the recognizer's label. */
  step: string;
  stepNumber?: number;
  /** Worst finding status on this exchange, if any. */
  finding?: CheckStatus;
  findingCount: number;
  /** Lower-cased text the free-text filter looks in. */
  haystack: string;
  /** A browser's own request (update, safe browsing, account check): listed under one host entry. */
  background: boolean;
  /** Relayed without checking the upstream certificate (`--insecure-upstream`): the row carries a badge saying so. */
  insecure?: string;
  /** Kept by the "OAuth only" filter (core's oauthRelevant, worked out for all rows on first use). */
  oauth: () => boolean;
  /** Headers and bodies too, lower-cased, built on first use (see exchange-search.ts). */
  searchText: () => string;
}

export interface RowFilter {
  text?: string;
  /** `everything`: the text is also looked for in header names and values and in the bodies. */
  scope?: 'summary' | 'everything';
  host?: string;
  /** Hosts (or BACKGROUND_HOST) whose rows are hidden; nothing captured is dropped. */
  hiddenHosts?: readonly string[];
  step?: number;
  finding?: 'any' | 'fail' | 'warn' | 'pass';
  /** Only protocol exchanges and the requests that led to them. */
  oauthOnly?: boolean;
}

/** The host filter's one entry for every browser background request, whatever its host (not a valid host name). */
export const BACKGROUND_HOST = 'browser background';

/** The host entry a row is listed under. */
export function hostKey(row: Pick<ExchangeRow, 'host' | 'background'>): string {
  return row.background ? BACKGROUND_HOST : row.host;
}

const RANK: Record<CheckStatus, number> = { fail: 3, warn: 2, pass: 1, 'not-applicable': 0 };

export function splitUrl(url: string): { host: string; path: string } {
  try {
    const parsed = new URL(url);
    return { host: parsed.host, path: parsed.pathname + parsed.search };
  } catch {
    return { host: '', path: url };
  }
}

function statusClass(exchange: Exchange): ExchangeRow['statusClass'] {
  if (exchange._state === 'failed') return 'failed';
  if (exchange._state === 'pending') return 'pending';
  const status = exchange.response.status;
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  return 'ok';
}

/** Lookup tables from an analysis, built once per analysis. */
export interface AnalysisIndex {
  stepOf: Map<string, { number: number; title: string }>;
  labelOf: Map<string, string>;
  findingsOf: Map<string, { worst: CheckStatus; count: number }>;
  /** Whether "OAuth only" keeps an exchange, among those known when the index was built; computed on first call. */
  isRelevant: (id: string) => boolean;
}

export function indexAnalysis(analysis: Analysis, exchanges: readonly Exchange[] = []): AnalysisIndex {
  const stepOf = new Map<string, { number: number; title: string }>();
  for (const step of analysis.steps) {
    for (const id of step.exchangeIds) if (!stepOf.has(id)) stepOf.set(id, { number: step.number, title: step.title });
  }
  const labelOf = new Map<string, string>();
  for (const label of analysis.labels)
    if (!labelOf.has(label.exchangeId)) labelOf.set(label.exchangeId, label.recognizer);
  const findingsOf = new Map<string, { worst: CheckStatus; count: number }>();
  for (const finding of analysis.findings) {
    if (finding.status === 'not-applicable') continue;
    const ids = new Set(finding.evidence.map((e) => e.exchangeId));
    for (const id of ids) {
      const before = findingsOf.get(id);
      if (!before) findingsOf.set(id, { worst: finding.status, count: 1 });
      else
        findingsOf.set(id, {
          worst: RANK[finding.status] > RANK[before.worst] ? finding.status : before.worst,
          count: before.count + 1,
        });
    }
  }
  let relevant: Set<string> | undefined;
  const isRelevant = (id: string) => (relevant ??= oauthRelevant(exchanges, analysis)).has(id);
  return { stepOf, labelOf, findingsOf, isRelevant };
}

type BaseRow = Omit<ExchangeRow, 'step' | 'stepNumber' | 'finding' | 'findingCount' | 'haystack' | 'oauth'> & {
  text: string;
};

/** The part of a row that depends only on the exchange, cached per exchange object (URL parsing is not free). */
const baseRows = new WeakMap<Exchange, BaseRow>();

function baseRow(exchange: Exchange): BaseRow {
  let row = baseRows.get(exchange);
  if (row) return row;
  const { host, path } = splitUrl(exchange.request.url);
  const status =
    exchange._state === 'failed' ? 'failed' : exchange._state === 'pending' ? '…' : String(exchange.response.status);
  const channel = exchange._channel === 'back-channel' ? 'back channel' : exchange._channel;
  row = {
    id: exchange._id,
    seq: exchange._seq,
    label: exchangeLabel(exchange),
    method: exchange.request.method,
    host,
    path,
    status,
    statusClass: statusClass(exchange),
    channel,
    background: isBrowserBackground(exchange),
    ...(exchange._insecureUpstream ? { insecure: insecureUpstreamNote(exchange)! } : {}),
    searchText: () => searchText(exchange),
    text: `${exchange.request.method} ${exchange.request.url} ${status} ${channel}`.toLowerCase(),
  };
  baseRows.set(exchange, row);
  return row;
}

export function toRow(exchange: Exchange, index: AnalysisIndex): ExchangeRow {
  const { text, ...base } = baseRow(exchange);
  const step = index.stepOf.get(exchange._id);
  const label = index.labelOf.get(exchange._id);
  const findings = index.findingsOf.get(exchange._id);
  const stepText = step ? `${step.number}. ${step.title}` : label && label !== 'other' ? label : '';
  return {
    ...base,
    step: stepText,
    ...(step ? { stepNumber: step.number } : {}),
    ...(findings ? { finding: findings.worst } : {}),
    findingCount: findings?.count ?? 0,
    oauth: () => index.isRelevant(exchange._id),
    haystack: stepText ? `${text} ${stepText.toLowerCase()}` : text,
  };
}

export function exchangeRows(exchanges: readonly Exchange[], analysis: Analysis): ExchangeRow[] {
  const index = indexAnalysis(analysis, exchanges);
  return exchanges.map((exchange) => toRow(exchange, index));
}

function isFiltered(filter: RowFilter, text: string): boolean {
  return Boolean(
    text ||
    filter.host ||
    filter.step !== undefined ||
    filter.finding ||
    filter.oauthOnly ||
    filter.hiddenHosts?.length,
  );
}

export function filterRows(rows: readonly ExchangeRow[], filter: RowFilter): readonly ExchangeRow[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  if (!isFiltered(filter, text)) return rows;
  const hidden = new Set(filter.hiddenHosts ?? []);
  const everywhere = filter.scope === 'everything';
  // Cheap tests first; the headers-and-bodies text is built only for rows that got that far.
  return rows.filter((row) => {
    if (filter.oauthOnly && !row.oauth()) return false;
    if (hidden.size > 0 && hidden.has(hostKey(row))) return false;
    if (filter.host && hostKey(row) !== filter.host) return false;
    if (filter.step !== undefined && row.stepNumber !== filter.step) return false;
    if (filter.finding === 'any' && !row.finding) return false;
    if (filter.finding && filter.finding !== 'any' && row.finding !== filter.finding) return false;
    if (text && !row.haystack.includes(text) && !(everywhere && row.searchText().includes(text))) return false;
    return true;
  });
}

/** Host entries in order of first appearance, the browser's background requests as one entry, last. */
export function hostsOf(rows: readonly ExchangeRow[]): string[] {
  const hosts = [...new Set(rows.filter((row) => !row.background).map((row) => row.host))].filter(Boolean);
  return rows.some((row) => row.background) ? [...hosts, BACKGROUND_HOST] : hosts;
}

export function stepOptions(track: TrackDefinition | undefined): { number: number; title: string }[] {
  return track ? track.steps.map((s) => ({ number: s.number, title: s.title })) : [];
}

/** The window of rows a virtualized list renders: fixed row height, plus some overscan. */
export function visibleWindow(
  total: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  overscan = 8,
): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
