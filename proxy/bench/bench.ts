// `npm run bench`: throughput, CPU and latency direct, via bare http-mitm-proxy, the capture proxy, mockttp, mitmdump.
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
import { MITMDUMP_MISSING } from './bench-rivals.ts';
import { pinSelf, unpinSelf } from './pin.ts';

const require = createRequire(import.meta.url);
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  non2xx: number;
}
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

/** Seconds of load per scenario, spread over ROUNDS interleaved rounds (half-second slices by default). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 24);
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
  mockttp: number;
  /** 0 when mitmdump is not installed. */
  mitmdump: number;
}

// The load generator on CPU 0, the servers (origins, proxies, mitmdump) on CPU 1, when the machine allows it.
const pinned = pinSelf(0);
const child = fork(fileURLToPath(new URL('./bench-servers.ts', import.meta.url)), [], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
  env: { ...process.env, BENCH_PIN: pinned ? '1' : '0' },
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
    // Requests over the run's own elapsed time: short slices have no per-second buckets to average.
    rps: result.requests.total / result.duration,
    errors: result.errors + result.non2xx,
    cpu: cpu / Math.max(1, result.requests.total),
  };
}

/** A closed-loop load generator for HTTPS through CONNECT (autocannon cannot tunnel). */
async function https(name: string, dispatcher: Agent | ProxyAgent, seconds: number): Promise<Figure> {
  const url = `https://localhost:${ready.secure}/`;
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
 * Runs the scenarios in interleaved rounds, so drift on a shared machine (other processes, garbage collection, the
 * journal growing) hits each of them alike. The pair the goal compares, bare http-mitm-proxy and the capture proxy,
 * runs back to back in every round, in alternating order, so each round's ratio compares two slices half a second apart;
 * the other scenarios follow in rotating order. Returns every round's figures per scenario.
 */
async function rounds(runs: (() => Promise<Figure>)[], pair: [number, number]): Promise<Figure[][]> {
  const all: Figure[][] = runs.map(() => []);
  const others = runs.map((_, i) => i).filter((i) => !pair.includes(i));
  for (let r = 0; r < ROUNDS; r++) {
    const first = r % 2 === 0 ? pair : [pair[1], pair[0]];
    const rest = others.map((_, k) => others[(r + k) % others.length]!);
    for (const i of [...first, ...rest]) all[i]!.push(await runs[i]!());
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

/** One proxy (or the origin itself) under test: its load for a number of seconds and its one-at-a-time probe. */
interface Scenario {
  name: string;
  short: string;
  load: (seconds: number) => Promise<Figure>;
  probe: () => Promise<void>;
}

interface ScenarioSet {
  summaries: Summary[];
  perRound: Figure[][];
}

/** Throughput rounds plus latency probes for one protocol: req/s and CPU per request are medians of the rounds. */
async function scenarioSet(scenarios: Scenario[]): Promise<ScenarioSet> {
  const slice = SECONDS / ROUNDS;
  for (const s of scenarios) await s.load(1); // warm-up: JIT, keep-alive pools, certificates
  const pair: [number, number] = [
    scenarios.findIndex((s) => s.short === 'bare'),
    scenarios.findIndex((s) => s.short === 'capture'),
  ];
  const runs = scenarios.map((s) => async () => ({ ...(await s.load(slice)), name: s.name }));
  const perRound = await rounds(runs, pair);
  const latencies: number[][] = scenarios.map(() => []);
  const chunk = Math.max(1, Math.floor(PROBES / ROUNDS));
  for (let r = 0; r < ROUNDS; r++) for (const [i, s] of scenarios.entries()) await probe(s.probe, chunk, latencies[i]!);
  const summaries = scenarios.map((s, i) => {
    const sorted = [...latencies[i]!].sort((a, b) => a - b);
    return {
      name: s.name,
      rps: median(perRound[i]!.map((f) => f.rps)),
      cpu: median(perRound[i]!.map((f) => f.cpu)),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      errors: perRound[i]!.reduce((sum, f) => sum + f.errors, 0),
    };
  });
  return { summaries, perRound };
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

/**
 * The capture proxy against another scenario of the same rounds: the median of the per-round throughput ratios, and
 * the median of the per-round CPU-per-request ratios the other way round (the throughput ratio a CPU-bound server
 * process would reach; origin included in both, steadier than req/s on a shared machine).
 */
function against(set: ScenarioSet, capture: number, other: number): { rps: number; rounds: number[]; cpu: number } {
  const c = set.perRound[capture]!;
  const o = set.perRound[other]!;
  const rounds = c.map((f, r) => f.rps / o[r]!.rps);
  return { rps: median(rounds), rounds, cpu: median(c.map((f, r) => o[r]!.cpu / f.cpu)) };
}

/** The first and third quartiles of per-round ratios: how far apart the rounds were. */
function quartiles(xs: number[]): string {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${percentile(sorted, 25).toFixed(2)}–${percentile(sorted, 75).toFixed(2)}`;
}

function verdict(label: string, set: ScenarioSet, scenarios: Scenario[]): void {
  const capture = scenarios.findIndex((s) => s.short === 'capture');
  const bare = scenarios.findIndex((s) => s.short === 'bare');
  const added = set.summaries[capture]!.p50 - set.summaries[bare]!.p50;
  for (const [i, s] of scenarios.entries()) {
    if (i === capture || s.short === 'direct') continue;
    const r = against(set, capture, i);
    const goal = i === bare ? '   (goal ≥ 0.90 on both)' : '';
    console.log(
      `${label} capture ÷ ${s.short.padEnd(8)} req/s ${r.rps.toFixed(2)} (middle half of ${r.rounds.length} rounds ${quartiles(r.rounds)}), ` +
        `CPU per request ${r.cpu.toFixed(2)}${goal}`,
    );
  }
  console.log(
    `${label} capture vs bare http-mitm-proxy, added p50 ${added >= 0 ? '+' : ''}${added.toFixed(2)} ms (goal < 2 ms)`,
  );
}

console.log(
  `OAuth Inspector proxy benchmark: ${CONNECTIONS} connections, ${SECONDS} s per scenario in ${ROUNDS} interleaved rounds (req/s = median round; bare and capture back to back in each), ` +
    `latency from ${PROBES} sequential requests on one connection; loopback, 1 KB JSON responses. ` +
    `CPU µs/req counts the server processes (origins and proxies, mitmdump's own process included).\n`,
);
if (!ready.mitmdump) console.log(`${MITMDUMP_MISSING}\n`);
console.log(
  pinned
    ? 'Load generator pinned to CPU 0, servers to CPU 1 (taskset; BENCH_PIN=0 turns it off).\n'
    : 'Not pinned to CPUs (taskset missing, one CPU, or BENCH_PIN=0): expect noisier figures.\n',
);

const originUrl = `http://127.0.0.1:${ready.origin}/`;
/** The proxies, in table order; mitmdump only when it is installed. */
const proxies: { short: string; name: string; port: number }[] = [
  { short: 'bare', name: 'bare http-mitm-proxy (baseline)', port: ready.bare },
  { short: 'capture', name: 'capture proxy', port: ready.capture },
  { short: 'mockttp', name: 'mockttp (pass-through, subscribed)', port: ready.mockttp },
  ...(ready.mitmdump ? [{ short: 'mitmdump', name: 'mitmdump (flows to file)', port: ready.mitmdump }] : []),
];

if (PARTS.has('http')) {
  const scenarios: Scenario[] = [
    {
      short: 'direct',
      name: 'HTTP direct to origin',
      load: (s) => http('', ready.origin, '/', s),
      probe: plainGet(ready.origin, '/'),
    },
    ...proxies.map((p) => ({
      short: p.short,
      name: `HTTP via ${p.name}`,
      load: (s: number) => http('', p.port, originUrl, s),
      probe: plainGet(p.port, originUrl),
    })),
  ];
  const set = await scenarioSet(scenarios);
  print(set.summaries);
  verdict('HTTP ', set, scenarios);
  console.log('');
}

if (PARTS.has('https')) {
  const tls = { ca: ready.caPem };
  // A host name, not an IP: mockttp names its certificate after the SNI, which clients send only for names.
  const url = `https://localhost:${ready.secure}/`;
  const agents: (Agent | ProxyAgent)[] = [];
  const agent = (port: number | null, connections: number) => {
    const made =
      port === null
        ? new Agent({ connect: tls, connections })
        : new ProxyAgent({ uri: `http://127.0.0.1:${port}`, requestTls: tls, connections });
    agents.push(made);
    return made;
  };
  const scenarios: Scenario[] = [null, ...proxies].map((p) => {
    const load = agent(p?.port ?? null, CONNECTIONS);
    const one = agent(p?.port ?? null, 1);
    return {
      short: p?.short ?? 'direct',
      name: p ? `HTTPS via ${p.name}` : 'HTTPS direct to origin',
      load: (s: number) => https('', load, s),
      probe: undiciGet(url, one),
    };
  });
  const set = await scenarioSet(scenarios);
  await Promise.all(agents.map((d) => d.close()));
  print(set.summaries);
  verdict('HTTPS', set, scenarios);
  console.log('');
}

if (PARTS.has('ttfb')) {
  // Client and proxy both run in this process here: on one pinned CPU they would wait for each other.
  if (pinned) unpinSelf();
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
