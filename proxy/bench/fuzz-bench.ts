// Fuzz bench: N hostile requests at a capture proxy in a child process; how many it survived, and its latency for a
// clean control request under fuzzing against a baseline of clean requests measured in the same run.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { openLocalCa } from '../src/ca/local-ca.ts';
import { startCaptureProxy } from '../src/capture/capture-proxy.ts';
import { closedPort } from '../src/capture/capture-test-kit.ts';
import { sendRaw } from '../src/capture/hostile-client.ts';
import { hostileRequest } from '../src/capture/hostile-requests.ts';

const N = Number(process.env.FUZZ_BENCH_REQUESTS ?? 2000);
/** A clean request and its control request every this many hostile ones. */
const BASELINE_EVERY = Number(process.env.FUZZ_BENCH_BASELINE_EVERY ?? 2);
const WARMUP = 100;
const SEED = Number(process.env.FUZZ_BENCH_SEED ?? 14);

interface Ready {
  type: 'ready';
  proxy: number;
  origin: number;
  closed: number;
}

/** Child: an origin and a capture proxy in front of it, with no safety net: an uncaught error ends the process. */
async function serve(): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'oi-fuzz-bench-'));
  const ca = await openLocalCa(join(home, 'ca'));
  const origin = createServer((req, res) => {
    req.resume();
    res.end('ok');
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', () => resolve()));
  const originPort = (origin.address() as { port: number }).port;
  const gateway = [{ host: 'web.localhost:8080', upstream: `http://127.0.0.1:${originPort}` }];
  const proxy = await startCaptureProxy({ ca, port: 0, upstreamTimeoutMs: 1000, gateway });
  process.on('exit', () => void rm(home, { recursive: true, force: true }));
  process.on('disconnect', () => process.exit(0));
  process.send!({ type: 'ready', proxy: proxy.port, origin: originPort, closed: await closedPort() } satisfies Ready);
}

function startChild(): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: Ready) => resolve({ child, ready: m }));
    child.once('exit', (code) => reject(new Error(`the proxy process exited (${code}) before it was ready`)));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN;
}

async function controlLatency(port: number, origin: number): Promise<number | null> {
  const t0 = performance.now();
  const reply = await sendRaw(
    port,
    `GET http://127.0.0.1:${origin}/control HTTP/1.1\r\nHost: 127.0.0.1:${origin}\r\nConnection: close\r\n\r\n`,
    3000,
  );
  return reply.status === 200 ? performance.now() - t0 : null;
}

async function main(): Promise<void> {
  let { child, ready } = await startChild();
  let deaths = 0;
  const watch = () => child.once('exit', () => void deaths++);
  watch();
  const clean = () =>
    `GET http://127.0.0.1:${ready.origin}/clean HTTP/1.1\r\nHost: 127.0.0.1:${ready.origin}\r\nConnection: close\r\n\r\n`;
  for (let i = 0; i < WARMUP; i++) await controlLatency(ready.proxy, ready.origin);
  const baseline: number[] = [];
  const underFuzz: number[] = [];
  let survived = 0;
  let sent = 0;
  while (sent < N) {
    // Sampled for the current child's ports: after a restart, an old port may belong to someone else's server.
    const inputs = fc.sample(hostileRequest({ open: ready.origin, closed: ready.closed }), {
      numRuns: N - sent,
      seed: SEED + deaths,
    });
    const restarted = await fuzzRound(inputs);
    if (!restarted) break;
  }

  /** Sends inputs until the proxy fails to answer a control request; then starts a fresh one and returns true. */
  async function fuzzRound(inputs: Buffer[]): Promise<boolean> {
    // Interleaved, so the baseline and the fuzzed figures share the machine's load (it is shared by several people).
    for (const bytes of inputs) {
      if (sent++ % BASELINE_EVERY === 0) {
        await sendRaw(ready.proxy, clean(), 100, { firstData: true });
        const ms = await controlLatency(ready.proxy, ready.origin);
        if (ms !== null) baseline.push(ms);
      }
      await sendRaw(ready.proxy, bytes, 100, { firstData: true });
      const ms = await controlLatency(ready.proxy, ready.origin);
      if (ms !== null) {
        survived++;
        underFuzz.push(ms);
        continue;
      }
      // The proxy is gone or stuck: count it and carry on with a fresh one, so one bug does not hide the rest.
      child.kill();
      ({ child, ready } = await startChild());
      watch();
      return true;
    }
    return false;
  }
  child.disconnect();
  const base = median(baseline);
  const fuzz = median(underFuzz);
  console.log(
    `fuzz bench (seed ${SEED}): ${N} hostile requests, proxy survived ${survived}/${N} (${((100 * survived) / N).toFixed(1)} %), process exits ${deaths}`,
  );
  console.log(
    `control request latency, median: baseline ${base.toFixed(2)} ms (${baseline.length} clean), under fuzzing ${fuzz.toFixed(2)} ms, ratio ${(fuzz / base).toFixed(2)}`,
  );
  console.log(
    `control request latency, p99: baseline ${p99(baseline).toFixed(2)} ms, under fuzzing ${p99(underFuzz).toFixed(2)} ms, ratio ${(p99(underFuzz) / p99(baseline)).toFixed(2)}`,
  );
}

if (process.argv.includes('--serve')) void serve();
else await main();
