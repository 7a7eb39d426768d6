// The oauth-inspector command line: finds the command in the registry, reads its arguments, runs it, words its errors.
import './quiet-console.ts';
import { parseCommandArguments } from './arguments.ts';
import type { CliIo } from './command.ts';
import { commandNamed, MAIN_HELP } from './commands/index.ts';
import { describeError, unknownCommand } from './error-messages.ts';

const toStdout = (line: string) => void process.stdout.write(`${line}\n`);
const toStderr = (line: string) => void process.stderr.write(`${line}\n`);

async function runCommand(name: string, rest: string[], io: CliIo): Promise<number> {
  const command = commandNamed(name);
  if (!command) {
    io.err(unknownCommand(name));
    return 2;
  }
  if (!command.options) return command.run({ values: {}, positionals: [], after: [], raw: rest, io });
  const { values, positionals, after } = parseCommandArguments(command, rest);
  if (values.help) {
    io.out(command.help);
    return 0;
  }
  return command.run({ values, positionals, after, raw: rest, io });
}

/**
 * Runs the CLI and returns the exit code. `out` receives user-facing lines (stdout by default); `err` receives
 * errors and warnings (stderr by default, or `out` when a caller collects lines).
 */
export async function main(
  argv: string[],
  out: (line: string) => void = toStdout,
  err: (line: string) => void = out === toStdout ? toStderr : out,
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--' || command === '--help' || command === '-h' || command === 'help') {
    out(MAIN_HELP);
    return command && command !== '--' ? 0 : 1;
  }
  try {
    return await runCommand(command, rest, { out, err });
  } catch (error) {
    const report = describeError(error, command);
    err(report.message);
    // One sentence for the user; the stack only on request.
    if (process.env.OAUTH_INSPECTOR_DEBUG) process.stderr.write(`${(error as { stack?: string }).stack ?? ''}\n`);
    return report.exitCode;
  }
}
