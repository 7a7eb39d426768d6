// `oauth-inspector run -- <command>`: runs a command with the proxy and its CA set up, and returns its exit code.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { visibleText } from '@oauth-inspector/core';
import { openLocalCa } from '../../ca/local-ca.ts';
import { InspectorError } from '../../errors.ts';
import { inspectorPaths } from '../../paths.ts';
import { startStack, type Stack } from '../../stack.ts';
import { defineStackCommand, type CommandInput } from '../command.ts';
import { runEnvironment } from '../run-env.ts';
import { logToStderr, stackOptions } from '../stack-options.ts';

const HELP = `Usage: oauth-inspector run [options] -- <command> [args...]

Starts a proxy (on an ephemeral port unless --port is given) and runs <command> with HTTP_PROXY/HTTPS_PROXY,
NODE_EXTRA_CA_CERTS and a preload that makes Node's fetch use the proxy. Exits with the command's exit code.
  --attach <url>        use an already running proxy (e.g. http://127.0.0.1:8080) instead of starting one`;

export const runCommand = defineStackCommand({
  usage: 'run -- <command>',
  takesCommand: true,
  summary: 'run a command with the proxy and its CA set up (HTTP(S)_PROXY, NODE_EXTRA_CA_CERTS, fetch preload)',
  help: HELP,
  options: ['attach'],
  run,
});

/** Runs the child with the proxy's environment, forwarding Ctrl+C to it; resolves with its exit code. */
function runChild(command: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise<number>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      const name = visibleText(command[0]!);
      out(err.code === 'ENOENT' ? `Command not found: ${name}.` : `Could not run ${name}: ${err.message}`);
      resolve(127);
    });
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  }).finally(() => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  });
}

async function run({ values, after: command, io: { out } }: CommandInput): Promise<number> {
  if (command.length === 0)
    throw new InspectorError(
      'usage',
      'Nothing to run: put the command after --, e.g. oauth-inspector run -- node app.js',
    );
  let stack: Stack | undefined;
  let proxyUrl: string;
  let caCertPath: string;
  if (values.attach) {
    proxyUrl = values.attach;
    caCertPath = (await openLocalCa(join(inspectorPaths().configDir, 'ca'))).caCertPath;
  } else {
    stack = await startStack(stackOptions(values, logToStderr, { port: 0, inspectorPort: 0 }));
    for (const { name, url } of stack.urls) process.stderr.write(`${name}: ${url}\n`);
    proxyUrl = stack.proxy.url;
    caCertPath = stack.ca.caCertPath;
  }
  const code = await runChild(command, runEnvironment(process.env, proxyUrl, caCertPath), out);
  // Let the last exchanges finish recording before closing.
  await new Promise((r) => setTimeout(r, 100));
  if (stack) {
    process.stderr.write(
      `Session ${stack.session.info.id}: ${stack.session.exchangeCount} exchanges journaled in ${stack.session.journalPath}\n`,
    );
    await stack.close();
  }
  return code;
}
