// `oauth-inspector proxy`: only the capture proxy and the inspector, for your own apps and browsers.
import { startStack } from '../../stack.ts';
import { defineStackCommand, type CommandInput } from '../command.ts';
import { distMissingNote, logToStderr, printUrls, stackOptions } from '../stack-options.ts';
import { listenForStop, runUntilStopped } from '../until-stopped.ts';

const HELP = `Usage: oauth-inspector proxy [options]

Starts the capture proxy (HTTP and HTTPS with interception) and the inspector. Point your app or browser at the
printed proxy URL; oauth-inspector ca tells how to trust the CA.
  --no-inspector        don't start the inspector server`;

export const proxy = defineStackCommand({
  usage: 'proxy',
  summary: 'only the capture proxy and the inspector, for your own apps and browsers',
  help: HELP,
  options: ['no-inspector'],
  run,
});

async function run({ values, io: { out } }: CommandInput): Promise<number> {
  const stopped = listenForStop();
  const stack = await startStack({
    ...stackOptions(values, out, { port: 8080, inspectorPort: 8081 }),
    log: logToStderr,
  });
  printUrls(stack, out);
  out(`CA certificate: ${stack.ca.caCertPath} (oauth-inspector ca tells how to trust it)`);
  if (stack.inspector) distMissingNote(out);
  return runUntilStopped(stack, out, stopped);
}
