// How `start` and `proxy` end: say how to stop, wait for Ctrl+C (or SIGTERM), then close the stack.
import type { Stack } from '../stack.ts';
import { waitForSignal } from './stack-options.ts';

/** Resolves with exit code 0 once the stack is closed after the signal. */
export async function runUntilStopped(stack: Stack, out: (line: string) => void): Promise<number> {
  out('Press Ctrl+C to stop.');
  await waitForSignal();
  await stack.close();
  return 0;
}
