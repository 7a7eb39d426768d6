// `oauth-inspector analyze <file.har>`: imports a HAR, runs analyze(), prints a readable report or JSON, exit code for CI.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  browserBackground,
  exchangeLabel,
  exchangeLabels,
  exchangeNumber,
  insecureUpstreamNote,
  visibleText,
  type Exchange,
} from '@oauth-inspector/core';
import { importHar } from '@oauth-inspector/core/har-import.ts';
import { analyze } from '@oauth-inspector/core/analysis/analyze.ts';
import { defaultTrackIdOf } from '@oauth-inspector/core/analysis/track-choice.ts';
import type { TrackDefinition } from '@oauth-inspector/core/analysis/types.ts';
import { loadTrack as loadLessonTrack } from '@oauth-inspector/lessons/load-track-node.ts';
import { InspectorError, isInspectorError } from '../errors.ts';
import { SHIPPED } from '../shipped-files.ts';
import { analysisReport } from './analyze-report.ts';
import { exchangeReport } from './analyze-exchange.ts';
import { parseArgsSentence, readFailure } from './error-messages.ts';
import { jsonForTerminal } from './terminal-text.ts';

export interface AnalyzeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
}

export const ANALYZE_HELP = `Usage: oauth-inspector analyze <file.har> [--json] [--track <id>] [--fail-on warn|fail] [--exchange <n>]

Reads a HAR file (Chromium/Firefox DevTools, Charles, Fiddler, HTTP Toolkit, mitmproxy or our own recordings),
recognizes the OAuth / OpenID Connect messages in it and runs the protocol checks.
  --json              print the whole analysis as JSON (for scripts)
  --track <id>        map the exchanges onto the steps of this lesson track (default: code-flow for the sample
                      world's traffic, generic for any other app; none for no lesson steps)
  --fail-on <level>   exit with 1 when a finding reaches this level: warn (warn or fail) or fail
  --exchange <n>      print one exchange (#n, as the report and the inspector number them) in detail
  -h, --help          this help

Exit codes: 0 done, 1 findings reached --fail-on, 2 bad arguments or a file that cannot be analyzed.`;

const defaultIo: AnalyzeIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFile(path, 'utf8'),
};

type TrackLoader = (id: string) => Promise<TrackDefinition>;

interface AnalyzeArgs {
  file: string;
  json: boolean;
  track: string | undefined;
  failOn: 'warn' | 'fail' | undefined;
  exchange: string | undefined;
}

/** The arguments, or 'help'; throws InspectorError('usage') with the sentence to show. */
function readArgs(args: string[]): AnalyzeArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: args.filter((a) => a !== '--'),
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        track: { type: 'string' },
        'fail-on': { type: 'string' },
        exchange: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new InspectorError(
      'usage',
      `${parseArgsSentence(error as Error, 'analyze')} Run oauth-inspector analyze --help for usage.`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'warn' && failOn !== 'fail')
    throw new InspectorError('usage', `--fail-on takes "warn" or "fail", not "${visibleText(failOn)}".`);
  if (positionals.length !== 1) {
    throw new InspectorError(
      'usage',
      positionals.length === 0
        ? 'Name the HAR file to analyze: oauth-inspector analyze <file.har>.'
        : 'Analyze one HAR file at a time.',
    );
  }
  if (values.json && values.exchange !== undefined)
    throw new InspectorError(
      'usage',
      '--exchange prints one exchange as text; for JSON leave it out and pick the exchange from "exchanges".',
    );
  return { file: positionals[0]!, json: Boolean(values.json), track: values.track, failOn, exchange: values.exchange };
}

async function trackFor(id: string, load: TrackLoader): Promise<TrackDefinition | undefined> {
  if (id === 'none') return undefined;
  try {
    return await load(id);
  } catch (error) {
    const why = error instanceof Error ? visibleText(error.message) : String(error);
    // The lessons' own errors already start with the track id ("code-flw: there is no lesson track …").
    const what = why.startsWith(`${visibleText(id)}:`) ? why : `"${visibleText(id)}": ${why}`;
    throw new InspectorError('no-track', `Cannot load lesson track ${what}`, { cause: error });
  }
}

/**
 * Each exchange's shared id beside its `_id`: the analysis names exchanges by `_id` (kept for the tools that read
 * it), `number` and `label` are what the report and the inspector show (`#5`).
 */
/** What `note` says of each exchange it says something of, by `_id`. */
function notesOf(exchanges: readonly Exchange[], note: (x: Exchange) => string | undefined): Map<string, string> {
  return new Map(
    exchanges.flatMap((x) => {
      const said = note(x);
      return said ? [[x._id, said] as const] : [];
    }),
  );
}

function exchangeSummary(x: Exchange) {
  const { method, url } = x.request;
  return { _id: x._id, number: exchangeNumber(x), label: exchangeLabel(x), method, url, status: x.response.status };
}

async function analyzeFile(args: AnalyzeArgs, io: AnalyzeIo, loadTrack: TrackLoader): Promise<number> {
  const text = await io.readFile(args.file).catch((error: unknown) => {
    throw readFailure(args.file, error);
  });
  const imported = importHar(text);
  if (!imported.ok) throw new InspectorError('bad-har', `${visibleText(args.file)}: ${visibleText(imported.message)}`);
  const track = await trackFor(args.track ?? defaultTrackIdOf(imported.exchanges), loadTrack);
  const analysis = await analyze(imported.exchanges, track ? { track } : undefined);
  const labels = exchangeLabels(imported.exchanges);
  if (args.exchange !== undefined) {
    for (const line of exchangeReport(imported.exchanges, args.exchange, analysis, labels)) io.stdout(line);
  } else if (args.json) {
    const { file } = args;
    const exchanges = imported.exchanges.map(exchangeSummary);
    const json = { file, creator: imported.creator, warnings: imported.warnings, exchanges, ...analysis };
    io.stdout(jsonForTerminal(JSON.stringify(json, null, 2)));
  } else {
    const header = {
      file: args.file,
      creator: imported.creator,
      warnings: imported.warnings,
      exchangeCount: imported.exchanges.length,
      labels,
      background: notesOf(imported.exchanges, browserBackground),
      insecure: notesOf(imported.exchanges, insecureUpstreamNote),
    };
    for (const line of analysisReport(header, analysis, track)) io.stdout(line);
  }
  const reached = analysis.findings.some((f) => f.status === 'fail' || (args.failOn === 'warn' && f.status === 'warn'));
  return args.failOn !== undefined && reached ? 1 : 0;
}

/** Runs the command; returns the exit code (0 ok, 1 findings reached --fail-on, 2 usage or input error). */
export async function runAnalyzeCommand(
  args: string[],
  io: Partial<AnalyzeIo> = {},
  loadTrack: TrackLoader = (id) => loadLessonTrack(id, SHIPPED.tracks),
): Promise<number> {
  const all = { ...defaultIo, ...io };
  try {
    const parsed = readArgs(args);
    if (parsed === 'help') {
      all.stdout(ANALYZE_HELP);
      return 0;
    }
    return await analyzeFile(parsed, all, loadTrack);
  } catch (error) {
    if (!isInspectorError(error)) throw error;
    all.stderr(error.message);
    return 2;
  }
}
