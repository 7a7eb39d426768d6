// Benchmark helper: pins a process (all its threads) to one CPU, so the load generator and the servers stop trading cores.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Pins this process to `cpu` with util-linux's taskset. Without it (or with a single CPU) nothing is pinned and the
 * bench says so: its figures are then noisier, not wrong.
 */
export function pinSelf(cpu: number): boolean {
  if (process.env.BENCH_PIN === '0' || availableParallelism() < 2) return false;
  return taskset(String(cpu));
}

/** Lets this process run on every CPU again (for parts of the bench where client and proxy share this process). */
export function unpinSelf(): void {
  taskset(`0-${availableParallelism() - 1}`);
}

function taskset(cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-pc', cpus, String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
