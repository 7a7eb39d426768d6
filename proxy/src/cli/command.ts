// What a CLI command is (its help, the options it accepts, how many words it takes, its run function), and how a module declares one.
import type { ParseArgsConfig } from 'node:util';
import { COMMON_OPTIONS, STACK_OPTIONS, type OptionName, type Values } from './options.ts';

/** Where a command writes: `out` for its answer, `err` for errors and warnings. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CommandInput {
  values: Values;
  /** The words after the command name and before `--`. */
  positionals: string[];
  /** The words after `--` (only `run` takes any). */
  after: string[];
  /** Everything after the command name, untouched (for commands that parse their own arguments). */
  raw: string[];
  io: CliIo;
}

export interface Command {
  name: string;
  /** The command's usage as shown in the main help, e.g. `browser [url]`. */
  usage: string;
  summary: string;
  help: string;
  /** The options this command accepts (-h/--help always). Omit to let the command parse `raw` itself. */
  options?: readonly OptionName[];
  /** How many words may follow the command name (default 0). */
  maxPositionals?: number;
  /** True when the command takes a command line after `--`. */
  takesCommand?: boolean;
  run(input: CommandInput): Promise<number>;
}

/** What a command module states about its command: all but the name, which is the first word of the usage. */
export type CommandSpec = Omit<Command, 'name'>;

/** The command record of a module: named by the first word of its usage (`browser [url]` is `browser`). */
export function defineCommand(spec: CommandSpec): Command {
  return { name: spec.usage.split(' ', 1)[0]!, ...spec };
}

/** A command that starts a proxy: it takes the stack options before its own, and its help ends with theirs. */
export function defineStackCommand(spec: CommandSpec): Command {
  return defineCommand({
    ...spec,
    help: `${spec.help}\n${COMMON_OPTIONS}`,
    options: [...STACK_OPTIONS, ...(spec.options ?? [])],
  });
}

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
