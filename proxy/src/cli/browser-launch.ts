// Starts the browser and tells the truth about it: one that exits right after launch is an error naming the cause.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { visibleText } from '@oauth-inspector/core';
import { InspectorError } from '../errors.ts';

/** How long a browser asked to stop gets before it is killed. */
const KILL_AFTER_MS = 5000;
/** A browser that exits this soon after launch did not open (no display, flags it refuses, a broken install). */
export const EARLY_EXIT_MS = 2000;

export interface LaunchedBrowser {
  /** Resolves when the browser has exited (closed by the user, or killed on Ctrl+C). */
  exited: Promise<void>;
  stop(): void;
}

interface EarlyExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** The one sentence for a browser that exited at once, from what it printed and the environment it ran in. */
export function earlyExitSentence(
  executable: string,
  exit: EarlyExit,
  stderr: string,
  context: { headless: boolean; env: NodeJS.ProcessEnv },
): string {
  const name = visibleText(executable);
  if (exit.error) return `Could not start ${name} (${visibleText(exit.error.message)}): check CHROMIUM_PATH.`;
  const noDisplay =
    /Missing X server|\$DISPLAY|cannot open display/i.test(stderr) ||
    (!context.headless && process.platform === 'linux' && !context.env.DISPLAY && !context.env.WAYLAND_DISPLAY);
  if (noDisplay)
    return `${name} exited at once because there is no display to open a window on: run with --headless or set DISPLAY.`;
  const how = exit.code !== null ? `with code ${exit.code}` : `on ${exit.signal ?? 'a signal'}`;
  const last = stderr
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .pop();
  const said = last ? ` (it said: ${visibleText(last.trim().slice(0, 200))})` : '';
  return `${name} exited ${how} right after launch${said}: check its flags, or try --headless.`;
}

/** What the browser printed last (a few KB), read all along so that a chatty browser never blocks on a full pipe. */
function tail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-8192);
  });
  return () => text;
}

/**
 * Spawns the browser and waits EARLY_EXIT_MS: if it exits (or cannot start) by then, throws InspectorError
 * 'browser-exited' with the likely cause; Ctrl+C meanwhile stops it quietly.
 */
export async function launchBrowser(
  executable: string,
  args: string[],
  context: { headless: boolean; env: NodeJS.ProcessEnv },
): Promise<LaunchedBrowser> {
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], env: context.env });
  const stderr = tail(child);
  let stopping = false;
  const exit = new Promise<EarlyExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  let killer: NodeJS.Timeout | undefined;
  const stop = () => {
    stopping = true;
    child.kill();
    // A browser busy shutting down (a loaded machine, a hung renderer) must not keep Ctrl+C waiting.
    killer ??= setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const exited = exit.then(() => {
    clearTimeout(killer);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
  const waiting = new AbortController();
  const window = delay(EARLY_EXIT_MS, undefined, { signal: waiting.signal }).catch(() => undefined);
  const early = await Promise.race([exit, window]);
  waiting.abort();
  if (early && !stopping) {
    await exited;
    throw new InspectorError('browser-exited', earlyExitSentence(executable, early, stderr(), context));
  }
  return { exited, stop };
}
