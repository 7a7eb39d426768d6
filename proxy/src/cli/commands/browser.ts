// `oauth-inspector browser [url]`: Chromium/Chrome with a throwaway profile going through the proxy.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalCa } from '../../ca/local-ca.ts';
import { inspectorPaths } from '../../paths.ts';
import { startStack, type Stack } from '../../stack.ts';
import { browserLaunchArgs, findBrowser } from '../browser-flags.ts';
import { defineStackCommand, type CommandInput } from '../command.ts';
import { logToStderr, printUrls, stackOptions } from '../stack-options.ts';

const HELP = `Usage: oauth-inspector browser [url] [options]

Opens Chromium or Chrome with a throwaway profile that goes through the proxy (loopback included) and accepts
the local CA for that profile only. Uses the proxy on --port when one is running, else starts one.`;

export const browser = defineStackCommand({
  usage: 'browser [url]',
  maxPositionals: 1,
  summary: 'open Chromium/Chrome with a throwaway profile going through the proxy',
  help: HELP,
  run,
});

function proxyAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function run({ values, positionals: [url], io: { out } }: CommandInput): Promise<number> {
  const executable = findBrowser();
  const options = stackOptions(values, out, { port: 8080, inspectorPort: 8081 });
  const host = options.host ?? '127.0.0.1';
  let stack: Stack | undefined;
  let proxyUrl = `http://${host}:${options.port}`;
  const ca = await openLocalCa(join(inspectorPaths().configDir, 'ca'));
  if (!(options.port && (await proxyAnswers(host, options.port)))) {
    stack = await startStack({ ...options, log: logToStderr });
    printUrls(stack, out);
    proxyUrl = stack.proxy.url;
  } else {
    out(`Using the proxy already running at ${proxyUrl}.`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'oauth-inspector-browser-'));
  const args = browserLaunchArgs({
    proxyUrl,
    caSpkiSha256: ca.spkiSha256,
    userDataDir: profile,
    isRoot: process.getuid?.() === 0,
    ...(url ? { url } : {}),
  });
  const child = spawn(executable, args, { stdio: 'ignore' });
  out(`Opened ${executable} with a throwaway profile going through ${proxyUrl}. Close the browser to stop.`);
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
    process.once('SIGINT', () => child.kill());
  });
  await rm(profile, { recursive: true, force: true });
  await stack?.close();
  return 0;
}
