// The readable report of `oauth-inspector analyze`: one line per step, exchange, flow and finding, escaped for the terminal.
import { HANDLING_CHECK_IDS, visibleText } from '@oauth-inspector/core';
import type { Analysis, ExchangeLabel, Finding, TrackDefinition } from '@oauth-inspector/core/analysis/types.ts';

export interface ReportHeader {
  file: string;
  creator: string | undefined;
  warnings: string[];
  exchangeCount: number;
  /** The browser's own background requests (core's browserBackground), by exchange id: what each one is. */
  background?: ReadonlyMap<string, string>;
  /** What exchanges relayed without checking the upstream certificate say of it (core's insecureUpstreamNote). */
  insecure?: ReadonlyMap<string, string>;
  /** `#N` by `_id` (core's exchange-number.ts): the id the inspector shows for the same exchange. */
  labels: ReadonlyMap<string, string>;
}

type Names = (id: string) => string;

const MARK: Record<string, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', 'not-applicable': 'N/A ' };

function stepLines(a: Analysis, track: TrackDefinition, name: Names): string[] {
  const lines = ['', `Steps of "${track.title}":`];
  for (const s of a.steps) {
    const mark = s.status === 'seen' ? '[x]' : s.status === 'failed' ? '[!]' : s.status === 'explained' ? '[~]' : '[ ]';
    const where = s.exchangeIds.length
      ? `  (${s.exchangeIds.slice(0, 5).map(name).join(', ')}${s.exchangeIds.length > 5 ? ', …' : ''})`
      : s.inferred && s.status !== 'not-seen'
        ? '  (explained: no message of its own)'
        : '';
    lines.push(
      `  ${mark} ${String(s.number).padStart(2)}. ${s.title}${s.status === 'failed' ? ' — FAILED' : ''}${where}`,
    );
  }
  return lines;
}

/** A label as the report lists it; a browser's own background request says so instead of `other`. */
function labelText(l: ExchangeLabel, background: string | undefined): string {
  if (background && l.recognizer === 'other') return `browser-background: ${background}`;
  return `${l.recognizer}${l.flowId ? ` [${l.flowId}]` : ''}: ${l.summary}`;
}

function exchangeAndFlowLines(a: Analysis, name: Names, header: ReportHeader): string[] {
  const lines = ['', 'Exchanges:'];
  const byExchange = new Map<string, string[]>();
  for (const l of a.labels)
    byExchange.set(l.exchangeId, [
      ...(byExchange.get(l.exchangeId) ?? []),
      labelText(l, header.background?.get(l.exchangeId)),
    ]);
  for (const [id, note] of header.insecure ?? []) byExchange.get(id)?.push(note);
  for (const [id, items] of byExchange) lines.push(`  ${name(id).padEnd(4)} ${items.join('; ')}`);
  if (a.flows.length) {
    lines.push('', 'Flows:');
    for (const f of a.flows)
      lines.push(
        `  ${f.id} ${f.kind}${f.clientId ? ` client ${f.clientId}` : ''}${f.state ? ` state ${f.state}` : ''}: ${f.exchangeIds.length} exchange(s)`,
      );
  }
  return lines;
}

function findingLines(a: Analysis, name: Names): string[] {
  const count = (s: Finding['status']) => a.findings.filter((f) => f.status === s).length;
  const lines = [
    '',
    `Findings: ${count('fail')} fail, ${count('warn')} warn, ${count('pass')} pass, ${count('not-applicable')} not applicable`,
  ];
  for (const status of ['fail', 'warn'] as const)
    for (const f of a.findings.filter((x) => x.status === status)) lines.push(findingLine(f, MARK[status]!, name));
  return [...lines, ...invalidArtifactLines(a, name)];
}

function findingLine(f: Finding, mark: string, name: Names): string {
  const where = [...new Set(f.evidence.map((e) => name(e.exchangeId)))].join(', ');
  return `  ${mark} ${f.checkId} (${where}${f.flowId ? `, ${f.flowId}` : ''}): ${f.message} [${f.spec.map((s) => s.label).join('; ')}]`;
}

const INVALID_SIGNATURE = new Set(['invalid', 'not-signed']);

/**
 * Every invalid artifact, handled or not: tokens whose signature fails or that are unsigned, with where they were seen;
 * then what each receiver did right with one (the passing findings of the handling checks).
 */
function invalidArtifactLines(a: Analysis, name: Names): string[] {
  const invalid = a.tokens.filter((t) => t.signature && INVALID_SIGNATURE.has(t.signature.status));
  const handled = a.findings.filter((f) => f.status === 'pass' && HANDLING_CHECK_IDS.has(f.checkId));
  if (invalid.length === 0 && handled.length === 0) return [];
  const lines = ['', 'Invalid artifacts, and how they were handled:'];
  for (const t of invalid) {
    const seen = [...new Set(t.sightings.map((s) => name(s.exchangeId)))].join(', ');
    lines.push(`  INVALID ${t.kind} ${t.id} (${seen}): ${t.signature!.detail}`);
  }
  for (const f of handled) lines.push(findingLine(f, 'HANDLED', name));
  return lines;
}

/**
 * The report's lines. Summaries, client ids, states, messages and file names are captured text (a hostile HAR
 * chooses them), so every line goes through visibleText: one line each, no control or bidi character raw.
 */
export function analysisReport(header: ReportHeader, a: Analysis, track: TrackDefinition | undefined): string[] {
  const lines = [
    `${header.file}: ${header.exchangeCount} exchange(s)${header.creator ? ` from ${header.creator}` : ''}, ${a.flows.length} flow(s), ${a.tokens.length} token(s)`,
  ];
  for (const w of header.warnings) lines.push(`  note: ${w}`);
  const name: Names = (id) => header.labels.get(id) ?? id;
  if (track) lines.push(...stepLines(a, track, name));
  lines.push(...exchangeAndFlowLines(a, name, header), ...findingLines(a, name));
  return lines.map((line) => visibleText(line));
}
