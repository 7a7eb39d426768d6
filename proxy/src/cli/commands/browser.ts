// `oauth-inspector browser [url]`: Chromium/Chrome with a throwaway profile going through the proxy.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalCa } from '../../ca/local-ca.ts';
import { inspectorPaths } from '../../paths.ts';
import { startStack, type StackOptions } from '../../stack.ts';
import { browserLaunchArgs, findBrowser } from '../browser-flags.ts';
import { launchBrowser } from '../browser-launch.ts';
import { defineStackCommand, type CommandInput } from '../command.ts';
import { logToStderr, printUrls, stackOptions } from '../stack-options.ts';

const HELP = `Usage: oauth-inspector browser [url] [options]

Opens Chromium or Chrome with a throwaway profile that goes through the proxy (loopback included) and accepts
the local CA for that profile only. Uses the proxy on --port when one is running, else starts one.
  --headless            run the browser without a window (for machines without a display; stop it with Ctrl+C)`;

export const browser = defineStackCommand({
  usage: 'browser [url]',
  maxPositionals: 1,
  summary: 'open Chromium/Chrome with a throwaway profile going through the proxy',
  help: HELP,
  options: ['headless'],
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

/** The proxy on --port when one answers there, else a new stack; upstream options only apply to a new one. */
async function proxyFor(options: StackOptions, trustGiven: boolean, out: (line: string) => void) {
  const host = options.host ?? '127.0.0.1';
  if (options.port && (await proxyAnswers(host, options.port))) {
    out(`Using the proxy already running at http://${host}:${options.port}.`);
    if (trustGiven)
      out('Note: that proxy keeps its own upstream trust; --upstream-ca and --insecure-upstream apply to a new proxy.');
    return { proxyUrl: `http://${host}:${options.port}`, stack: undefined };
  }
  const stack = await startStack({ ...options, log: logToStderr });
  printUrls(stack, out);
  return { proxyUrl: stack.proxy.url, stack };
}

async function run({ values, positionals: [url], io: { out } }: CommandInput): Promise<number> {
  const executable = findBrowser();
  const headless = Boolean(values.headless);
  const options = stackOptions(values, out, { port: 8080, inspectorPort: 8081 });
  const ca = await openLocalCa(join(inspectorPaths().configDir, 'ca'));
  const trustGiven = Boolean(values['upstream-ca'] || values['insecure-upstream']);
  const { proxyUrl, stack } = await proxyFor(options, trustGiven, out);
  const profile = await mkdtemp(join(tmpdir(), 'oauth-inspector-browser-'));
  try {
    const args = browserLaunchArgs({
      proxyUrl,
      caSpkiSha256: ca.spkiSha256,
      userDataDir: profile,
      isRoot: process.getuid?.() === 0,
      headless,
      ...(url ? { url } : {}),
    });
    const browser = await launchBrowser(executable, args, { headless, env: process.env });
    const how = headless ? 'headless, ' : '';
    const stopHint = headless ? 'Press Ctrl+C to stop.' : 'Close the browser to stop.';
    out(`Opened ${executable} (${how}throwaway profile) going through ${proxyUrl}. ${stopHint}`);
    await browser.exited;
  } finally {
    await rm(profile, { recursive: true, force: true });
    await stack?.close();
  }
  return 0;
}
