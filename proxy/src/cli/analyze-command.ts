// `oauth-inspector analyze <file.har>`: imports a HAR, runs analyze(), prints a readable report or JSON, exit code for CI.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importHar } from '@oauth-inspector/core/har-import.ts';
import { analyze } from '@oauth-inspector/core/analysis/analyze.ts';
import type { Analysis, Finding, TrackDefinition } from '@oauth-inspector/core/analysis/types.ts';

export interface AnalyzeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
}

const HELP = `Usage: oauth-inspector analyze <file.har> [--json] [--track <id>] [--fail-on warn|fail]

Reads a HAR file (Chromium/Firefox DevTools, Charles, Fiddler, HTTP Toolkit, mitmproxy or our own recordings),
recognizes the OAuth / OpenID Connect messages in it and runs the protocol checks.
  --json              print the whole analysis as JSON (for scripts)
  --track <id>        map the exchanges onto the steps of a lesson track (e.g. code-flow)
  --fail-on <level>   exit with 1 when a finding reaches this level: warn (warn or fail) or fail
  -h, --help          this help

Exit codes: 0 done, 1 findings reached --fail-on, 2 bad arguments or a file that cannot be analyzed.`;

const defaultIo: AnalyzeIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFile(path, 'utf8'),
};

class CommandError extends Error {}

type TrackLoader = (id: string) => Promise<TrackDefinition>;

async function defaultTrackLoader(id: string): Promise<TrackDefinition> {
  let mod: { loadTrack?: (id: string) => Promise<TrackDefinition> };
  try {
    mod = (await import('@oauth-inspector/lessons/load-track-node.ts')) as typeof mod;
  } catch {
    throw new CommandError('Lesson tracks are not available in this checkout (lessons/src/load-track-node.ts is missing), so --track cannot be used.');
  }
  if (typeof mod.loadTrack !== 'function') throw new CommandError('The lessons package does not provide loadTrack(), so --track cannot be used.');
  try {
    return await mod.loadTrack(id);
  } catch (error) {
    throw new CommandError(`Cannot load lesson track "${id}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

const MARK: Record<string, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', 'not-applicable': 'N/A ' };

function report(file: string, creator: string | undefined, warnings: string[], exchangeCount: number, a: Analysis, track: TrackDefinition | undefined): string[] {
  const lines: string[] = [];
  lines.push(`${file}: ${exchangeCount} exchange(s)${creator ? ` from ${creator}` : ''}, ${a.flows.length} flow(s), ${a.tokens.length} token(s)`);
  for (const w of warnings) lines.push(`  note: ${w}`);
  if (track) {
    lines.push('', `Steps of "${track.title}":`);
    for (const s of a.steps) {
      const mark = s.status === 'seen' ? '[x]' : s.status === 'failed' ? '[!]' : '[ ]';
      const where = s.exchangeIds.length ? `  (${s.exchangeIds.slice(0, 5).join(', ')}${s.exchangeIds.length > 5 ? ', …' : ''})` : s.inferred && s.status !== 'not-seen' ? '  (inferred)' : '';
      lines.push(`  ${mark} ${String(s.number).padStart(2)}. ${s.title}${s.status === 'failed' ? ' — FAILED' : ''}${where}`);
    }
  }
  lines.push('', 'Exchanges:');
  const byExchange = new Map<string, string[]>();
  for (const l of a.labels) byExchange.set(l.exchangeId, [...(byExchange.get(l.exchangeId) ?? []), `${l.recognizer}${l.flowId ? ` [${l.flowId}]` : ''}: ${l.summary}`]);
  for (const [id, items] of byExchange) lines.push(`  ${id.padEnd(6)} ${items.join('; ')}`);
  if (a.flows.length) {
    lines.push('', 'Flows:');
    for (const f of a.flows) lines.push(`  ${f.id} ${f.kind}${f.clientId ? ` client ${f.clientId}` : ''}${f.state ? ` state ${f.state}` : ''}: ${f.exchangeIds.length} exchange(s)`);
  }
  const count = (s: Finding['status']) => a.findings.filter((f) => f.status === s).length;
  lines.push('', `Findings: ${count('fail')} fail, ${count('warn')} warn, ${count('pass')} pass, ${count('not-applicable')} not applicable`);
  for (const status of ['fail', 'warn'] as const) {
    for (const f of a.findings.filter((x) => x.status === status)) {
      const where = [...new Set(f.evidence.map((e) => e.exchangeId))].join(', ');
      lines.push(`  ${MARK[status]} ${f.checkId} (${where}${f.flowId ? `, ${f.flowId}` : ''}): ${f.message} [${f.spec.map((s) => s.label).join('; ')}]`);
    }
  }
  return lines;
}

/** Runs the command; returns the exit code (0 ok, 1 findings reached --fail-on, 2 usage or input error). */
export async function runAnalyzeCommand(args: string[], io: Partial<AnalyzeIo> = {}, loadTrack: TrackLoader = defaultTrackLoader): Promise<number> {
  const { stdout, stderr, readFile: read } = { ...defaultIo, ...io };
  let values: { json?: boolean; track?: string; 'fail-on'?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: args.filter((a) => a !== '--'),
      allowPositionals: true,
      options: { json: { type: 'boolean' }, track: { type: 'string' }, 'fail-on': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    stderr(`${error instanceof Error ? error.message.split('\n')[0] : String(error)} (see oauth-inspector analyze --help).`);
    return 2;
  }
  if (values.help) {
    stdout(HELP);
    return 0;
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'warn' && failOn !== 'fail') {
    stderr(`--fail-on takes "warn" or "fail", not "${failOn}".`);
    return 2;
  }
  if (positionals.length !== 1) {
    stderr(positionals.length === 0 ? 'Name the HAR file to analyze: oauth-inspector analyze <file.har>.' : 'Analyze one HAR file at a time.');
    return 2;
  }
  const file = positionals[0]!;
  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    stderr(code === 'ENOENT' ? `There is no file ${file}.` : code === 'EISDIR' ? `${file} is a folder, not a HAR file.` : `Cannot read ${file} (${code ?? 'read error'}).`);
    return 2;
  }
  const imported = importHar(text);
  if (!imported.ok) {
    stderr(`${file}: ${imported.message}`);
    return 2;
  }
  let track: TrackDefinition | undefined;
  if (values.track !== undefined) {
    try {
      track = await loadTrack(values.track);
    } catch (error) {
      stderr(error instanceof CommandError ? error.message : `Cannot load lesson track "${values.track}".`);
      return 2;
    }
  }
  const analysis = await analyze(imported.exchanges, track ? { track } : undefined);
  if (values.json) {
    stdout(JSON.stringify({ file, creator: imported.creator, warnings: imported.warnings, ...analysis }, null, 2));
  } else {
    for (const line of report(file, imported.creator, imported.warnings, imported.exchanges.length, analysis, track)) stdout(line);
  }
  const reached = analysis.findings.some((f) => f.status === 'fail' || (failOn === 'warn' && f.status === 'warn'));
  return failOn !== undefined && reached ? 1 : 0;
}
