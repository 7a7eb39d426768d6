// Benchmark of analyze(): a synthetic 10,000-exchange session of interleaved logins, printed as ratios against JSON.parse of the same bodies.
import { analyze, createAnalyzer } from '../src/analysis/analyze.ts';
import { API, APP, AS, METADATA, SessionWriter, sessionKeys, writeLogin } from '../src/testing/oauth-session.ts';
import type { Exchange } from '../src/har.ts';
import { anExchange } from '../src/testing/an-exchange.ts';

const TARGET = 10_000;
const API_CALLS_PER_LOGIN = 5;

async function buildSession(): Promise<Exchange[]> {
  const keys = await sessionKeys();
  const head = new SessionWriter('h');
  head.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
  head.add({ url: `${AS}/jwks`, channel: 'back-channel', json: { keys: [keys.jwk] } });
  const flows: Exchange[][] = [];
  let total = head.exchanges.length;
  for (let n = 1; total < TARGET; n++) {
    const w = new SessionWriter(`f${n}-`);
    const { accessToken } = await writeLogin(w, keys, n);
    for (let i = 0; i < API_CALLS_PER_LOGIN; i++) {
      w.add({ url: `${API}/api/items/${i}`, requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP }, responseHeaders: { 'Access-Control-Allow-Origin': APP }, json: { id: i, owner: 'alice', items: [1, 2, 3] } });
    }
    flows.push(w.exchanges);
    total += w.exchanges.length;
  }
  // Interleave: 40 logins in progress at any time, one message from each in turn.
  const out = [...head.exchanges];
  const active: Exchange[][] = [];
  let next = 0;
  while (out.length < TARGET && (next < flows.length || active.length > 0)) {
    while (active.length < 40 && next < flows.length) active.push([...flows[next++]!]);
    for (let i = 0; i < active.length && out.length < TARGET; i++) {
      out.push(active[i]!.shift()!);
      if (active[i]!.length === 0) active.splice(i--, 1);
    }
  }
  const base = Date.parse('2026-01-01T10:00:00.000Z');
  return out.map((e, seq) => ({ ...e, _seq: seq, startedDateTime: new Date(base + seq * 50).toISOString() }));
}

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

const session = await buildSession();
const bodies = session.flatMap((e) => [e.response.content.text ?? '', e.request.postData?.text ?? '']).filter((t) => t.startsWith('{'));
const baselines: number[] = [];
for (let i = 0; i < 5; i++) baselines.push(time(() => bodies.forEach((b) => JSON.parse(b)))[1]);
const baseline = median(baselines);

const [analysis, cold] = await timeAsync(() => analyze(session));
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
const token = session.find((e) => e.request.headers.some((h) => h.name === 'Authorization'))!.request.headers.find((h) => h.name === 'Authorization')!.value;
const incremental: number[] = [];
const last = Date.parse(session[session.length - 1]!.startedDateTime);
for (let i = 0; i < 20; i++) {
  const e = anExchange({ id: `extra-${i}`, seq: session.length + i, at: new Date(last + (i + 1) * 50).toISOString(), url: `${API}/api/extra/${i}`, requestHeaders: { Authorization: token, Origin: APP }, responseHeaders: { 'Access-Control-Allow-Origin': APP }, json: { id: i } });
  const [, ms] = await timeAsync(async () => {
    live.add(e);
    return live.result();
  });
  incremental.push(ms);
}
const inc = median(incremental);

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`analyzer benchmark: ${session.length} exchanges, ${analysis.flows.length} flows, ${analysis.tokens.length} tokens, ${analysis.findings.length} findings`);
console.log(`  baseline  JSON.parse of the ${bodies.length} JSON bodies      ${fmt(baseline)}`);
console.log(`  full      analyze() cold (parse, decode, verify)  ${fmt(cold)}  = ${(cold / baseline).toFixed(1)}× baseline, ${Math.round(session.length / (cold / 1000))} exchanges/s  (goal < 1000 ms)`);
console.log(`  rebuild   an early exchange replaced, caches warm  ${fmt(warm)}  = ${(warm / baseline).toFixed(1)}× baseline`);
console.log(`  add one   add() + result() on ${session.length} exchanges  ${fmt(inc)}  = ${(inc / baseline).toFixed(2)}× baseline  (goal < 5 ms)`);
