// How `start` and `proxy` end: say how to stop, wait for Ctrl+C (or SIGTERM), then close the stack.
import type { Stack } from '../stack.ts';
import { waitForSignal } from './stack-options.ts';

/** Listens for Ctrl+C from the start, so a signal that comes while the stack starts is not lost (nor fatal). */
export function listenForStop(): Promise<void> {
  return waitForSignal();
}

/** Resolves with exit code 0 once the stack is closed after the signal `stopped` stands for. */
export async function runUntilStopped(
  stack: Stack,
  out: (line: string) => void,
  stopped: Promise<void>,
): Promise<number> {
  out('Press Ctrl+C to stop.');
  await stopped;
  await stack.close();
  return 0;
}
