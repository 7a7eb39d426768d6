// `oauth-inspector start`: the sample world behind the proxy's gateway, plus the inspector (what npm start runs).
import { visibleText } from '@oauth-inspector/core';
import { InspectorError } from '../../errors.ts';
import { SCENARIOS, isScenarioId } from '../../sample-world/scenarios.ts';
import { startStack } from '../../stack.ts';
import { defineStackCommand, type CommandInput } from '../command.ts';
import { distMissingNote, logToStderr, printUrls, readableOnly, stackOptions } from '../stack-options.ts';
import { listenForStop, runUntilStopped } from '../until-stopped.ts';

const SCENARIO_IDS = SCENARIOS.map((s) => s.id).join(', ');

const HELP = `Usage: oauth-inspector start [--scenario <id>] [options]

Starts the sample app, API and authorization server behind the proxy's gateway and prints their URLs and the
inspector's URL (with the feed's access token). Open the sample app's URL in any browser: no proxy settings needed.
  --scenario <id>       start the sample world in this scenario: ${SCENARIO_IDS}
  --token-lifetime <s>  access token lifetime in seconds (default 900), e.g. 20 to watch tokens expire
  --verbose             print the sample world's raw JSON log lines, the authorization server's included`;

export const start = defineStackCommand({
  usage: 'start',
  summary: 'the sample world behind the proxy, plus the inspector (what npm start runs)',
  help: HELP,
  options: ['scenario', 'token-lifetime', 'verbose'],
  run,
});

function tokenLifetime(value: string | undefined): number | undefined {
  const lifetime = value === undefined ? undefined : Number(value);
  if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime >= 5 && lifetime <= 86_400)) {
    throw new InspectorError('usage', '--token-lifetime must be a whole number of seconds between 5 and 86400.');
  }
  return lifetime;
}

async function run({ values, io: { out } }: CommandInput): Promise<number> {
  if (values.scenario !== undefined && !isScenarioId(values.scenario)) {
    throw new InspectorError(
      'unknown-scenario',
      `There is no scenario "${visibleText(values.scenario)}"; the scenarios are ${SCENARIO_IDS}.`,
    );
  }
  const lifetime = tokenLifetime(values['token-lifetime']);
  const stopped = listenForStop();
  const stack = await startStack({
    ...stackOptions(values, out, { port: 8080, inspectorPort: 8081 }),
    sampleWorld: true,
    ...(values.scenario ? { scenario: values.scenario } : {}),
    ...(lifetime ? { accessTokenLifetimeSeconds: lifetime } : {}),
    log: values.verbose ? logToStderr : readableOnly(out),
  });
  printUrls(stack, out);
  out('Sign in as alice / alice-password or bob / bob-password.');
  distMissingNote(out);
  return runUntilStopped(stack, out, stopped);
}
