// Reads one command's arguments strictly: only its options, only as many words as it takes, valid ports only.
import { parseArgs } from 'node:util';
import { visibleText } from '@oauth-inspector/core';
import { InspectorError } from '../errors.ts';
import type { Command, OptionsConfig } from './command.ts';
import { isPortOption, OPTIONS, portNumber, type Values } from './options.ts';

export interface ParsedArguments {
  values: Values;
  positionals: string[];
  after: string[];
}

function optionsOf(command: Command): OptionsConfig {
  const names = [...(command.options ?? []), 'help' as const];
  return Object.fromEntries(names.map((name) => [name, OPTIONS[name]]));
}

/**
 * `--port -1` would make parseArgs read -1 as an option and complain that --port has no value; a word that
 * starts with a dash and a digit, after an option that takes a value, is that option's value.
 */
function keepNegativeValues(args: string[], options: OptionsConfig): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Ports must be ports; every other option that takes a value needs a non-empty one (`--data-dir ''` is no folder). */
function checkValues(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    if (isPortOption(name) && typeof value === 'string') portNumber(value, `--${name}`);
    else if ([value].flat().some((v) => v === ''))
      throw new InspectorError('usage', `Option --${visibleText(name)} needs a value, and it is empty.`);
  }
}

function unexpected(word: string, command: Command): InspectorError {
  // `run node app.js` forgot the `--` that keeps the command's own options apart from ours.
  const hint = command.takesCommand
    ? `: put the command after --, e.g. oauth-inspector ${command.name} -- node app.js`
    : '';
  return new InspectorError(
    'unexpected-argument',
    `Unexpected argument "${visibleText(word)}" for "${command.name}"${hint}.`,
  );
}

/** Parses the words after the command name; throws parseArgs' errors or InspectorError('usage' | 'invalid-port' | …). */
export function parseCommandArguments(command: Command, rest: string[]): ParsedArguments {
  const dash = rest.indexOf('--');
  const before = dash < 0 ? rest : rest.slice(0, dash);
  const after = dash < 0 ? [] : rest.slice(dash + 1);
  const options = optionsOf(command);
  const parsed = parseArgs({
    args: keepNegativeValues(before, options),
    options,
    allowPositionals: true,
    strict: true,
  });
  const values = parsed.values as Values;
  if (values.help) return { values, positionals: parsed.positionals, after };
  checkValues(values);
  const extra = parsed.positionals[command.maxPositionals ?? 0];
  if (extra !== undefined) throw unexpected(extra, command);
  if (after.length > 0 && !command.takesCommand) throw unexpected(after[0]!, command);
  return { values, positionals: parsed.positionals, after };
}
