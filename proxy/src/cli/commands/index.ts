// The one table of CLI commands, in the order the main help lists them; main.ts dispatches on it.
import type { Command } from '../command.ts';
import { analyzeCommand } from './analyze.ts';
import { browser } from './browser.ts';
import { ca } from './ca.ts';
import { proxy } from './proxy.ts';
import { runCommand } from './run.ts';
import { sessions } from './sessions.ts';
import { start } from './start.ts';

export const COMMANDS: readonly Command[] = [start, proxy, runCommand, browser, ca, sessions, analyzeCommand];

export function commandNamed(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export const MAIN_HELP = `Usage: oauth-inspector <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(18)}${c.summary}`).join('\n')}

Run oauth-inspector <command> --help for the options of one command.`;
