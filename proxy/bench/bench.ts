// `npm run bench`: throughput and latency direct, through bare http-mitm-proxy and through the capture proxy; TTFB; memory.
import { fork } from 'node:child_process';
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
  errors: number;
  non2xx: number;
}
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = 10;
const MEMORY_EXCHANGES = Number(process.env.BENCH_MEMORY_EXCHANGES ?? 100_000);

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
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

const child = fork(fileURLToPath(new URL('./bench-servers.ts', import.meta.url)), [], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
console.debug = () => undefined;

async function http(name: string, port: number, path: string, seconds = SECONDS, amount?: number): Promise<Figure> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [{ method: 'GET', path, headers: { host: `127.0.0.1:${ready.origin}` } }],
  });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A closed-loop load generator for HTTPS through CONNECT (autocannon cannot tunnel). */
async function https(name: string, dispatcher: Agent | ProxyAgent, seconds = SECONDS): Promise<Figure> {
  const url = `https://127.0.0.1:${ready.secure}/`;
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const res = await request(url, { dispatcher });
          await res.body.arrayBuffer();
          if (res.statusCode !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { name, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

const fmt = (n: number, d = 0) => n.toFixed(d).padStart(9);
function print(figures: Figure[]): void {
  console.log(`${'scenario'.padEnd(44)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(9)}`);
  for (const f of figures) console.log(`${f.name.padEnd(44)}${fmt(f.rps)}${fmt(f.p50, 2)}${fmt(f.p99, 2)}${fmt(f.errors)}`);
}

console.log(`OAuth Inspector proxy benchmark: ${CONNECTIONS} connections, ${SECONDS} s per scenario in 3 interleaved rounds, loopback, 1 KB JSON responses.\n`);
// Warm up every path (JIT, keep-alive pools, certificates).
await http('warmup', ready.bare, `http://127.0.0.1:${ready.origin}/`, 1);
await http('warmup', ready.capture, `http://127.0.0.1:${ready.origin}/`, 1);

/** Runs the scenarios in interleaved rounds so drift on a shared machine hits each of them alike, then merges. */
async function rounds(runs: (() => Promise<Figure>)[], count = 3): Promise<Figure[]> {
  const all: Figure[][] = runs.map(() => []);
  for (let r = 0; r < count; r++) for (const [i, run] of runs.entries()) all[i]!.push(await run());
  return all.map((figures) => ({
    name: figures[0]!.name,
    rps: figures.reduce((s, f) => s + f.rps, 0) / figures.length,
    p50: [...figures.map((f) => f.p50)].sort((a, b) => a - b)[Math.floor(figures.length / 2)]!,
    p99: Math.max(...figures.map((f) => f.p99)),
    errors: figures.reduce((s, f) => s + f.errors, 0),
  }));
}
const slice = SECONDS / 3;
const httpFigures = await rounds([
  () => http('HTTP direct to origin', ready.origin, '/', slice),
  () => http('HTTP via bare http-mitm-proxy (baseline)', ready.bare, `http://127.0.0.1:${ready.origin}/`, slice),
  () => http('HTTP via capture proxy', ready.capture, `http://127.0.0.1:${ready.origin}/`, slice),
]);
const tls = { ca: ready.caPem };
const direct = new Agent({ connect: tls, connections: CONNECTIONS });
const viaBare = new ProxyAgent({ uri: `http://127.0.0.1:${ready.bare}`, requestTls: tls, connections: CONNECTIONS });
const viaCapture = new ProxyAgent({ uri: `http://127.0.0.1:${ready.capture}`, requestTls: tls, connections: CONNECTIONS });
await https('warmup', viaBare, 1);
await https('warmup', viaCapture, 1);
const httpsFigures = await rounds([
  () => https('HTTPS direct to origin', direct, slice),
  () => https('HTTPS via bare http-mitm-proxy (baseline)', viaBare, slice),
  () => https('HTTPS via capture proxy (intercepted)', viaCapture, slice),
]);
await Promise.all([direct.close(), viaBare.close(), viaCapture.close()]);
print([...httpFigures, ...httpsFigures]);

const ratio = (a: Figure, b: Figure) => `${((a.rps / b.rps) * 100).toFixed(1)}% of baseline throughput, p50 ${(a.p50 - b.p50 >= 0 ? '+' : '')}${(a.p50 - b.p50).toFixed(2)} ms`;
console.log(`\nCapture vs bare http-mitm-proxy, HTTP:  ${ratio(httpFigures[2]!, httpFigures[1]!)}   (goal ≥ 90%, < 2 ms)`);
console.log(`Capture vs bare http-mitm-proxy, HTTPS: ${ratio(httpsFigures[2]!, httpsFigures[1]!)}   (goal ≥ 90%, < 2 ms)`);
console.log(`Capture vs direct, HTTP:  ${ratio(httpFigures[2]!, httpFigures[0]!).replace('baseline', 'direct')}`);

// Time to first byte of the first HTTPS request to a host the proxy has never seen (no cached certificate).
const ttfb: number[] = [];
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
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
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`\nFirst HTTPS request to a new host, TTFB (new certificate + TLS server): median ${median(ttfb).toFixed(1)} ms (goal < 50 ms); same host again on a new connection: ${median(warm).toFixed(1)} ms`);

// Memory after many captured exchanges: the in-memory window stays under its cap, older ones live in the journal.
const before = await (child.send({ type: 'memory' }), nextMessage<{ rss: number; heapUsed: number; windowBytes: number; exchanges: number }>('memory'));
const t0 = performance.now();
const load = await http(`${MEMORY_EXCHANGES} exchanges`, ready.capture, `http://127.0.0.1:${ready.origin}/`, 0, MEMORY_EXCHANGES);
const after = await (child.send({ type: 'memory' }), nextMessage<{ rss: number; heapUsed: number; windowBytes: number; exchanges: number }>('memory'));
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log(
  `\nMemory after ${after.exchanges} captured exchanges (${((performance.now() - t0) / 1000).toFixed(1)} s, ${load.errors} errors): heap ${mb(after.heapUsed)} (was ${mb(before.heapUsed)} at ${before.exchanges}), rss ${mb(after.rss)}, history window ${mb(after.windowBytes)} of a ${mb(ready.memoryCap)} cap`,
);
child.send({ type: 'stop' });
const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
await new Promise((r) => child.once('exit', r));
clearTimeout(killer);
