// `npm run bench`: how long the installed package takes to print its help and to have a listening proxy, against `node -e 0`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stagePackage } from '../../scripts/build-package.ts';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const GOAL_MS = 300;
const REPO_BIN = fileURLToPath(new URL('../bin/oauth-inspector.js', import.meta.url));

interface Case {
  name: string;
  args: string[];
  /** Stop timing at this output (then end the process); otherwise at its exit. */
  until?: RegExp;
}

/** Milliseconds from spawn to `until` in the output (or to the exit). */
function timeOnce(item: Case, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, item.args, { env: { ...process.env, ...env }, stdio: 'pipe' });
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    let text = '';
    let took: number | undefined;
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (item.until && took === undefined && item.until.test(text)) {
        took = elapsed();
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => {
      const end = took ?? elapsed();
      if (item.until ? took === undefined : code !== 0) reject(new Error(`${item.name} failed (${code}): ${text}`));
      else resolve(end);
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const work = await mkdtemp(join(tmpdir(), 'oi-startup-bench-'));
try {
  const packageDir = join(work, 'package');
  await stagePackage(packageDir);
  const bin = join(packageDir, 'bin', 'oauth-inspector.js');
  const env = { OAUTH_INSPECTOR_HOME: join(work, 'home') };
  const proxyArgs = ['proxy', '--port', '0', '--inspector-port', '0'];
  const cases: Case[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'package --help', args: [bin, '--help'] },
    { name: 'package proxy (listening)', args: [bin, ...proxyArgs], until: /^Proxy: http/m },
    { name: 'repository (tsx) --help', args: [REPO_BIN, '--help'] },
  ];
  // The first proxy start creates the local CA (seconds of RSA key generation): not start-up, so not timed.
  await timeOnce(cases[2]!, env);
  const times = new Map(cases.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < RUNS; round++) {
    for (const item of cases) times.get(item.name)!.push(await timeOnce(item, env));
  }
  const baseline = median(times.get('node -e 0')!);
  console.log(`\nStart-up, median of ${RUNS} runs (goal: help or a listening proxy in under ${GOAL_MS} ms)`);
  for (const item of cases) {
    const ms = median(times.get(item.name)!);
    const verdict = item.name.startsWith('package') ? (ms < GOAL_MS ? '  ok' : '  over the goal') : '';
    console.log(
      `  ${item.name.padEnd(28)}${ms.toFixed(0).padStart(6)} ms  ${(ms / baseline).toFixed(2)}× node -e 0${verdict}`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
