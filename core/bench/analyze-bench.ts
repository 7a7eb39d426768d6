// Benchmark of analyze(): a synthetic 10,000-exchange session of interleaved logins, printed as ratios against JSON.parse of the same bodies.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, createAnalyzer } from '../src/analysis/analyze.ts';
import type { Exchange } from '../src/har.ts';
import { API, APP } from '../src/testing/oauth-session.ts';
import { buildSession } from './synthetic-session.ts';
import { anExchange } from '../src/testing/an-exchange.ts';

const COLD_RUNS = 5;

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** CPU time of this process's main thread (Linux), so a busy machine can be told apart from a slow analyzer. */
function mainThreadMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

// Child mode: one cold analyze() of the session in a fresh process (nothing compiled or cached yet), printed as JSON.
const childFile = process.argv[process.argv.indexOf('--cold-child') + 1];
if (process.argv.includes('--cold-child') && childFile) {
  const session = JSON.parse(readFileSync(childFile, 'utf8')) as Exchange[];
  const cpu = mainThreadMs();
  const [, ms] = await timeAsync(() => analyze(session));
  console.log(JSON.stringify({ ms, cpu: mainThreadMs() - cpu }));
  process.exit(0);
}

const session = await buildSession();
const bodies = session
  .flatMap((e) => [e.response.content.text ?? '', e.request.postData?.text ?? ''])
  .filter((t) => t.startsWith('{'));
const baselines: number[] = [];
for (let i = 0; i < 5; i++) baselines.push(time(() => bodies.forEach((b) => JSON.parse(b)))[1]);
const baseline = median(baselines);

// Cold analysis: each run in a fresh process, as when a file is opened, so no run profits from the JIT or caches of another.
const dir = mkdtempSync(join(tmpdir(), 'analyze-bench-'));
const file = join(dir, 'session.json');
writeFileSync(file, JSON.stringify(session));
const coldRuns: { ms: number; cpu: number }[] = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--cold-child', file],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`cold run failed: ${child.stderr}`);
  coldRuns.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; cpu: number });
}
rmSync(dir, { recursive: true, force: true });
const cold = median(coldRuns.map((r) => r.ms));
const coldCpu = median(coldRuns.map((r) => r.cpu));

const [analysis] = await timeAsync(() => analyze(session));
const live = createAnalyzer();
for (const e of session) live.add(e);
await live.result();
// A new version of an early exchange forces the cross-exchange state to be rebuilt from the per-exchange caches.
const warmRuns: number[] = [];
for (let i = 0; i < 3; i++) {
  live.add({ ...session[5]! });
  warmRuns.push((await timeAsync(() => live.result()))[1]);
}
const warm = median(warmRuns);

// A live session keeps growing: one more API call with a token already seen, appended after everything else.
const token = session
  .find((e) => e.request.headers.some((h) => h.name === 'Authorization'))!
  .request.headers.find((h) => h.name === 'Authorization')!.value;
const incremental: number[] = [];
let last = Date.parse(session[session.length - 1]!.startedDateTime);
let seq = session.length;
const apiCall = (id: string) =>
  anExchange({
    id,
    seq: seq++,
    at: new Date((last += 50)).toISOString(),
    url: `${API}/api/${id}`,
    requestHeaders: { Authorization: token, Origin: APP },
    responseHeaders: { 'Access-Control-Allow-Origin': APP },
    json: { id },
  });
for (let i = 0; i < 20; i++) {
  const e = apiCall(`extra-${i}`);
  const [, ms] = await timeAsync(async () => {
    live.add(e);
    return live.result();
  });
  incremental.push(ms);
}
const inc = median(incremental);

// Live capture sends each exchange twice: pending when the request leaves, complete when the response is in. Two in flight.
const pendingOf = (e: Exchange): Exchange => ({
  ...e,
  _state: 'pending',
  response: { ...e.response, status: 0, headers: [], content: { size: 0, mimeType: '' } },
});
const completions: number[] = [];
let inFlight: Exchange | undefined;
for (let i = 0; i < 21; i++) {
  const e = apiCall(`live-${i}`);
  live.add(pendingOf(e));
  await live.result();
  if (inFlight) {
    const done = inFlight;
    completions.push(
      (
        await timeAsync(async () => {
          live.add(done);
          return live.result();
        })
      )[1],
    );
  }
  inFlight = e;
}
const complete = median(completions);
const stats = live.stats();

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(
  `analyzer benchmark: ${session.length} exchanges, ${analysis.flows.length} flows, ${analysis.tokens.length} tokens, ${analysis.findings.length} findings`,
);
console.log(`  baseline  JSON.parse of the ${bodies.length} JSON bodies      ${fmt(baseline)}`);
console.log(
  `  full      analyze() cold (parse, decode, verify)  ${fmt(cold)}  = ${(cold / baseline).toFixed(1)}× baseline, ${Math.round(session.length / (cold / 1000))} exchanges/s  (goal < 1000 ms)`,
);
console.log(
  `            median of ${COLD_RUNS} fresh processes: ${coldRuns.map((r) => Math.round(r.ms)).join(', ')} ms wall; main thread CPU ${fmt(coldCpu)}`,
);
console.log(
  `  rebuild   an early exchange replaced, caches warm  ${fmt(warm)}  = ${(warm / baseline).toFixed(1)}× baseline`,
);
console.log(
  `  add one   add() + result() on ${session.length} exchanges  ${fmt(inc)}  = ${(inc / baseline).toFixed(2)}× baseline  (goal < 5 ms)`,
);
console.log(
  `  complete  a pending exchange completes (rolled back, refolded)  ${fmt(complete)}  = ${(complete / baseline).toFixed(2)}× baseline  (rebuilds ${stats.rebuilds}, in place ${stats.appended}, rolled back ${stats.rolledBack})`,
);
