// Profiles one cold analyze() of the benchmark session (CPU or allocation profile of that call only) and can dump its output for comparison.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { analyze } from '../src/analysis/analyze.ts';
import { buildSession } from './synthetic-session.ts';

// Usage: tsx bench/profile-analyze.ts [--profile out.cpuprofile] [--heap out.heapprofile] [--threads] [--dump out.json]
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const profilePath = arg('--profile');
const heapPath = arg('--heap');
const dumpPath = arg('--dump');

/** CPU ms per thread of this process, from /proc (Linux, 100 ticks a second); empty elsewhere. */
function threadTimes(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(tid, (Number(f[11]) + Number(f[12])) * 10);
    }
  } catch {
    /* not Linux */
  }
  return out;
}

const session = await buildSession();
const inspector = new Session();
if (profilePath || heapPath) inspector.connect();
if (profilePath) {
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  await inspector.post('Profiler.start');
}
if (heapPath) {
  await inspector.post('HeapProfiler.enable');
  await inspector.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

const before = threadTimes();
const cpu = process.cpuUsage();
const start = performance.now();
const analysis = await analyze(session);
const wall = performance.now() - start;
const used = process.cpuUsage(cpu);
const after = threadTimes();

if (profilePath) writeFileSync(profilePath, JSON.stringify((await inspector.post('Profiler.stop')).profile));
if (heapPath) writeFileSync(heapPath, JSON.stringify((await inspector.post('HeapProfiler.stopSampling')).profile));
if (profilePath || heapPath) inspector.disconnect();

const mainMs = (after.get(String(process.pid)) ?? NaN) - (before.get(String(process.pid)) ?? NaN);
console.log(
  `cold analyze(): ${wall.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU in all threads, ${mainMs.toFixed(0)} ms CPU in the main thread`,
);
if (process.argv.includes('--threads')) {
  for (const [tid, ms] of after) {
    const spent = ms - (before.get(tid) ?? 0);
    if (spent > 0)
      console.log(
        `  thread ${tid}${tid === String(process.pid) ? ' (main)' : ''}: ${spent.toFixed(0)} ms CPU during the analysis`,
      );
  }
}
if (dumpPath) writeFileSync(dumpPath, JSON.stringify(analysis));
