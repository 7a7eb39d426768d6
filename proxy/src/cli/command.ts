// What a CLI command is: its help, the options it accepts, how many words it takes, and its run function.
import type { ParseArgsConfig } from 'node:util';
import type { OptionName, Values } from './options.ts';

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

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
