// `npm run bench`: throughput and latency direct, through bare http-mitm-proxy and through the capture proxy; TTFB; memory.
import { fork } from 'node:child_process';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, ProxyAgent, request } from 'undici';
import { openLocalCa } from '../src/ca/local-ca.ts';
import { startCaptureProxy } from '../src/capture/capture-proxy.ts';

const require = createRequire(import.meta.url);
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  non2xx: number;
}
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

/** Seconds of load per scenario, spread over ROUNDS interleaved rounds. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 10;
const PROBES = Number(process.env.BENCH_PROBES ?? 1500);
const MEMORY_EXCHANGES = Number(process.env.BENCH_MEMORY_EXCHANGES ?? 100_000);
/** Comma-separated subset of: http, https, ttfb, memory (default all). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'http,https,ttfb,memory').split(','));

interface Figure {
  name: string;
  rps: number;
  errors: number;
  /** CPU time the server process (origin + proxies) spent per request, in µs: steadier than req/s on a busy machine. */
  cpu: number;
}

interface Ready {
  origin: number;
  secure: number;
  bare: number;
  capture: number;
  caPem: string;
  caDir: string;
  memoryCap: number;
}

const child = fork(fileURLToPath(new URL('./bench-servers.ts', import.meta.url)), [], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
function nextMessage<T>(type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === type) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
  });
}
const ready = await nextMessage<Ready>('ready');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function serverCpu(): Promise<number> {
  child.send({ type: 'cpu' });
  return (await nextMessage<{ micros: number }>('cpu')).micros;
}

async function http(name: string, port: number, path: string, seconds: number, amount?: number): Promise<Figure> {
  const cpu0 = await serverCpu();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [{ method: 'GET', path, headers: { host: `127.0.0.1:${ready.origin}` } }],
  });
  const cpu = (await serverCpu()) - cpu0;
  return {
    name,
    rps: amount ? result.requests.total / result.duration : result.requests.average,
    errors: result.errors + result.non2xx,
    cpu: cpu / Math.max(1, result.requests.total),
  };
}

/** A closed-loop load generator for HTTPS through CONNECT (autocannon cannot tunnel). */
async function https(name: string, dispatcher: Agent | ProxyAgent, seconds: number): Promise<Figure> {
  const url = `https://127.0.0.1:${ready.secure}/`;
  const cpu0 = await serverCpu();
  let count = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        try {
          const res = await request(url, { dispatcher });
          await res.body.arrayBuffer();
          if (res.statusCode !== 200) errors++;
        } catch {
          errors++;
        }
        count++;
      }
    }),
  );
  const cpu = (await serverCpu()) - cpu0;
  return { name, rps: count / seconds, errors, cpu: cpu / Math.max(1, count) };
}

/**
 * Runs the scenarios in interleaved rounds, rotating which goes first, so drift on a shared machine (other processes,
 * garbage collection, the journal growing) hits each of them alike. Returns every round's figures per scenario.
 */
async function rounds(runs: (() => Promise<Figure>)[]): Promise<Figure[][]> {
  const all: Figure[][] = runs.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < runs.length; k++) {
      const i = (r + k) % runs.length;
      all[i]!.push(await runs[i]!());
    }
  }
  return all;
}

/** Unloaded latency: one keep-alive connection, one request at a time, microsecond timer. */
async function probe(send: () => Promise<void>, count: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await send();
    into.push(performance.now() - t);
  }
}

const plainAgent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
function plainGet(port: number, path: string): () => Promise<void> {
  return () =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path, agent: plainAgent, headers: { host: `127.0.0.1:${ready.origin}` } },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve());
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
}
function undiciGet(url: string, dispatcher: Agent | ProxyAgent): () => Promise<void> {
  return async () => {
    const res = await request(url, { dispatcher });
    await res.body.arrayBuffer();
  };
}

interface Summary {
  name: string;
  rps: number;
  cpu: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Throughput rounds plus latency probes for one protocol; ratios are computed per round, then their median taken. */
async function scenarioSet(
  names: string[],
  loads: ((seconds: number) => Promise<Figure>)[],
  probes: (() => Promise<void>)[],
): Promise<{ summaries: Summary[]; ratio: number; ratios: number[]; cpuRatio: number }> {
  const slice = SECONDS / ROUNDS;
  for (const load of loads) await load(1); // warm-up: JIT, keep-alive pools, certificates
  const perRound = await rounds(loads.map((load, i) => async () => ({ ...(await load(slice)), name: names[i]! })));
  const latencies: number[][] = names.map(() => []);
  const chunk = Math.max(1, Math.floor(PROBES / ROUNDS));
  for (let r = 0; r < ROUNDS; r++) for (const [i, send] of probes.entries()) await probe(send, chunk, latencies[i]!);
  const summaries = names.map((name, i) => {
    const sorted = [...latencies[i]!].sort((a, b) => a - b);
    return {
      name,
      rps: median(perRound[i]!.map((f) => f.rps)),
      cpu: median(perRound[i]!.map((f) => f.cpu)),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      errors: perRound[i]!.reduce((s, f) => s + f.errors, 0),
    };
  });
  const ratios = perRound[2]!.map((f, r) => f.rps / perRound[1]![r]!.rps);
  const cpuRatio = median(perRound[1]!.map((f, r) => f.cpu / perRound[2]![r]!.cpu));
  return { summaries, ratio: median(ratios), ratios, cpuRatio };
}

const fmt = (n: number, d = 0) => n.toFixed(d).padStart(9);
function print(figures: Summary[]): void {
  console.log(
    `${'scenario'.padEnd(44)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(9)}${'cpu µs/req'.padStart(12)}`,
  );
  for (const f of figures)
    console.log(
      `${f.name.padEnd(44)}${fmt(f.rps)}${fmt(f.p50, 2)}${fmt(f.p99, 2)}${fmt(f.errors)}${fmt(f.cpu).padStart(12)}`,
    );
}
function verdict(
  label: string,
  set: { summaries: Summary[]; ratio: number; ratios: number[]; cpuRatio: number },
): void {
  const [, bare, capture] = set.summaries as [Summary, Summary, Summary];
  const added = capture.p50 - bare.p50;
  console.log(
    `Capture vs bare http-mitm-proxy, ${label}: ${(set.ratio * 100).toFixed(1)}% of baseline throughput (median of per-round ratios ${set.ratios.map((r) => (r * 100).toFixed(0)).join('/')}), ` +
      `added p50 ${added >= 0 ? '+' : ''}${added.toFixed(2)} ms   (goal ≥ 90%, < 2 ms)`,
  );
  console.log(
    `  CPU per request, bare / capture: ${(set.cpuRatio * 100).toFixed(1)}% (the throughput ratio a CPU-bound server process would reach; origin included in both)`,
  );
}

console.log(
  `OAuth Inspector proxy benchmark: ${CONNECTIONS} connections, ${SECONDS} s per scenario in ${ROUNDS} rotating rounds (req/s = median round), ` +
    `latency from ${PROBES} sequential requests on one connection; loopback, 1 KB JSON responses.\n`,
);

const originUrl = `http://127.0.0.1:${ready.origin}/`;
if (PARTS.has('http')) {
  const set = await scenarioSet(
    ['HTTP direct to origin', 'HTTP via bare http-mitm-proxy (baseline)', 'HTTP via capture proxy'],
    [
      (s) => http('', ready.origin, '/', s),
      (s) => http('', ready.bare, originUrl, s),
      (s) => http('', ready.capture, originUrl, s),
    ],
    [plainGet(ready.origin, '/'), plainGet(ready.bare, originUrl), plainGet(ready.capture, originUrl)],
  );
  print(set.summaries);
  verdict('HTTP', set);
  const [direct, , capture] = set.summaries as [Summary, Summary, Summary];
  console.log(
    `Capture vs direct, HTTP: ${((capture.rps / direct.rps) * 100).toFixed(1)}% of direct throughput, p50 +${(capture.p50 - direct.p50).toFixed(2)} ms\n`,
  );
}

if (PARTS.has('https')) {
  const tls = { ca: ready.caPem };
  const direct = new Agent({ connect: tls, connections: CONNECTIONS });
  const viaBare = new ProxyAgent({ uri: `http://127.0.0.1:${ready.bare}`, requestTls: tls, connections: CONNECTIONS });
  const viaCapture = new ProxyAgent({
    uri: `http://127.0.0.1:${ready.capture}`,
    requestTls: tls,
    connections: CONNECTIONS,
  });
  const one = [
    new Agent({ connect: tls, connections: 1 }),
    ...[ready.bare, ready.capture].map(
      (p) => new ProxyAgent({ uri: `http://127.0.0.1:${p}`, requestTls: tls, connections: 1 }),
    ),
  ];
  const url = `https://127.0.0.1:${ready.secure}/`;
  const set = await scenarioSet(
    ['HTTPS direct to origin', 'HTTPS via bare http-mitm-proxy (baseline)', 'HTTPS via capture proxy (intercepted)'],
    [(s) => https('', direct, s), (s) => https('', viaBare, s), (s) => https('', viaCapture, s)],
    one.map((d) => undiciGet(url, d)),
  );
  await Promise.all([direct, viaBare, viaCapture, ...one].map((d) => d.close()));
  print(set.summaries);
  verdict('HTTPS', set);
  console.log('');
}

if (PARTS.has('ttfb')) {
  // Time to first byte of the first HTTPS request to a host the proxy has never seen (no cached certificate).
  const ttfb: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) {
    const home = await mkdtemp(join(tmpdir(), 'oi-bench-ttfb-'));
    const ca = await openLocalCa(join(home, 'ca'));
    const proxy = await startCaptureProxy({ ca, port: 0, upstreamCa: [ready.caPem], prewarmHosts: [] });
    for (const sample of [ttfb, warm]) {
      const agent = new ProxyAgent({ uri: proxy.url, requestTls: { ca: ca.caCertPem } });
      const t = performance.now();
      const res = await request(`https://localhost:${ready.secure}/`, { dispatcher: agent });
      sample.push(performance.now() - t);
      await res.body.arrayBuffer();
      await agent.close();
    }
    await proxy.close();
    await rm(home, { recursive: true, force: true });
  }
  console.log(
    `First HTTPS request to a new host, TTFB (new certificate + TLS server): median ${median(ttfb).toFixed(1)} ms of ${ttfb.map((t) => t.toFixed(0)).join('/')} (goal < 50 ms); ` +
      `same host again on a new connection: ${median(warm).toFixed(1)} ms\n`,
  );
}

if (PARTS.has('memory')) {
  // Memory after many captured exchanges: the in-memory window stays under its cap, older ones live in the journal.
  type Memory = { rss: number; heapUsed: number; windowBytes: number; exchanges: number };
  const before = await (child.send({ type: 'memory' }), nextMessage<Memory>('memory'));
  const t0 = performance.now();
  const load = await http(`${MEMORY_EXCHANGES} exchanges`, ready.capture, originUrl, 0, MEMORY_EXCHANGES);
  const after = await (child.send({ type: 'memory' }), nextMessage<Memory>('memory'));
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `Memory after ${after.exchanges} captured exchanges (${((performance.now() - t0) / 1000).toFixed(1)} s, ${load.errors} errors): heap ${mb(after.heapUsed)} (was ${mb(before.heapUsed)} at ${before.exchanges}), rss ${mb(after.rss)}, history window ${mb(after.windowBytes)} of a ${mb(ready.memoryCap)} cap`,
  );
}
plainAgent.destroy();
child.send({ type: 'stop' });
const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
await new Promise((r) => child.once('exit', r));
clearTimeout(killer);
