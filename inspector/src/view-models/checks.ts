// View-model of the checks panel: findings sorted by severity, with evidence laid side by side and computed chains.
import type { Analysis, CheckStatus, Evidence, Finding } from '@oauth-inspector/core';

export interface EvidenceSide {
  label: string;
  value: string;
  location: string;
  exchangeId: string;
  /** The token this value is (or belongs to), for a link to the token viewer. */
  tokenId?: string;
}

export interface FindingView {
  id: string;
  checkId: string;
  status: CheckStatus;
  severity: string;
  title: string;
  message: string;
  spec: { label: string; url: string }[];
  /** Values compared, side by side (e.g. state sent vs state returned). */
  sides: EvidenceSide[];
  /** A computed chain such as code_verifier → SHA-256 → base64url = code_challenge. */
  chain: { label: string; value: string }[];
  /** True when every side carries the same value (drawn with an equals sign). */
  sidesMatch: boolean;
}

const ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, 'not-applicable': 3 };

/** Only http(s) spec links become hrefs; anything else is shown as text. */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}

function side(evidence: Evidence, tokenIds: ReadonlyMap<string, string>): EvidenceSide {
  const value = evidence.value ?? '';
  const tokenId = evidence.tokenId ?? (value ? tokenIds.get(value) : undefined);
  return {
    label: evidence.label,
    value,
    location: evidence.location ?? '',
    exchangeId: evidence.exchangeId,
    ...(tokenId ? { tokenId } : {}),
  };
}

export function findingView(finding: Finding, tokenIds: ReadonlyMap<string, string> = new Map()): FindingView {
  const sides = finding.evidence.map((e) => side(e, tokenIds));
  const values = sides.map((s) => s.value).filter(Boolean);
  return {
    id: finding.id,
    checkId: finding.checkId,
    status: finding.status,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    spec: finding.spec.map((s) => ({ label: s.label, url: s.url })),
    sides,
    chain: finding.computed ?? [],
    sidesMatch: values.length >= 2 && values.every((v) => v === values[0]),
  };
}

export interface ChecksFilter {
  status?: CheckStatus | 'all';
  exchangeIds?: ReadonlySet<string>;
}

export function checksView(analysis: Analysis, filter: ChecksFilter = {}): FindingView[] {
  // Evidence that is a whole token (an access token sent to an API, an ID token) links to its viewer.
  const tokenIds = new Map(analysis.tokens.map((t) => [t.value, t.id]));
  return analysis.findings
    .filter((f) => !filter.status || filter.status === 'all' || f.status === filter.status)
    .filter((f) => !filter.exchangeIds || f.evidence.every((e) => filter.exchangeIds?.has(e.exchangeId)))
    .slice()
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.checkId.localeCompare(b.checkId))
    .map((f) => findingView(f, tokenIds));
}

export function checksSummary(analysis: Analysis): Record<CheckStatus, number> {
  return statusCounts(analysis.findings);
}

/** All findings of one check id: its worst status first, how many per status, and the exchanges they covered. */
export interface CheckGroup {
  checkId: string;
  title: string;
  severity: string;
  worst: CheckStatus;
  counts: Record<CheckStatus, number>;
  exchangeIds: string[];
  findings: FindingView[];
}

/** Findings grouped by check id (one id, one rule), failures first, then warnings, passes, not applicable. */
export function checkGroups(findings: readonly FindingView[]): CheckGroup[] {
  const groups = new Map<string, CheckGroup>();
  for (const f of findings) {
    let group = groups.get(f.checkId);
    if (!group) {
      group = {
        checkId: f.checkId,
        title: f.title,
        severity: f.severity,
        worst: f.status,
        counts: { pass: 0, warn: 0, fail: 0, 'not-applicable': 0 },
        exchangeIds: [],
        findings: [],
      };
      groups.set(f.checkId, group);
    }
    group.counts[f.status] += 1;
    if (ORDER[f.status] < ORDER[group.worst]) group.worst = f.status;
    group.findings.push(f);
    for (const s of f.sides) if (!group.exchangeIds.includes(s.exchangeId)) group.exchangeIds.push(s.exchangeId);
  }
  return [...groups.values()].sort((a, b) => ORDER[a.worst] - ORDER[b.worst] || a.checkId.localeCompare(b.checkId));
}

/** Counts per status of a list of findings. */
export function statusCounts(findings: readonly { status: CheckStatus }[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, 'not-applicable': 0 };
  for (const finding of findings) counts[finding.status] += 1;
  return counts;
}
