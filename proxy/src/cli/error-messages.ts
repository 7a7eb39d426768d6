// Every error the CLI shows, in one place: one sentence for the user (what is wrong, what to do) and an exit code.
import { visibleText } from '@oauth-inspector/core';
import { InspectorError, isInspectorError, type InspectorErrorCode } from '../errors.ts';

/** Codes that mean "the command line is wrong": exit 2 and a pointer to the command's help. */
const USAGE_CODES: ReadonlySet<InspectorErrorCode> = new Set([
  'usage',
  'unexpected-argument',
  'invalid-port',
  'unknown-scenario',
]);

export interface ErrorReport {
  message: string;
  exitCode: number;
}

/** One sentence for an error Node's parseArgs raised, in our words. */
export function parseArgsSentence(e: { code?: string; message?: string }, command: string): string {
  const option = /'(-{1,2}[^' ]+)/.exec(e.message ?? '')?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option)
    return `Unknown option ${visibleText(option)} for "${command}".`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `Option ${visibleText(option)} needs a value.`;
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `"${command}" takes no such argument.`;
  return sentence(e.message ?? '');
}

function sentence(text: string): string {
  const line = visibleText(text.trim());
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** One sentence for a file-system failure (an unusable --data-dir or -o path, a full disk). */
function fileSystemSentence(e: { code?: string; path?: string }): string | undefined {
  const where = e.path ? ` ${visibleText(e.path)}` : '';
  switch (e.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `Cannot use${where}: a file is in the way of a folder; choose another path or move the file.`;
    case 'ENOENT':
      return `Cannot write to${where}: the folder it belongs in does not exist; create it or choose another path.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Cannot write to${where}: you lack permission there; choose another path.`;
    case 'ENOSPC':
      return `Cannot write to${where}: the disk is full; free some space and start again.`;
    default:
      return undefined;
  }
}

/** The sentence and exit code for an error that ended `oauth-inspector <command>`. */
export function describeError(error: unknown, command: string): ErrorReport {
  const e = error as { code?: string; message?: string; path?: string };
  const usage = typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS');
  if (usage || (isInspectorError(error) && USAGE_CODES.has(error.code))) {
    const text = usage ? parseArgsSentence(e, command) : sentence(e.message ?? '');
    return { message: `${text} Run oauth-inspector ${command} --help for usage.`, exitCode: 2 };
  }
  return { message: fileSystemSentence(e) ?? sentence(e.message ?? String(error)), exitCode: 1 };
}

/** The sentence for a file that could not be read, from its errno code. */
export function readFailure(file: string, error: unknown): InspectorError {
  const code = (error as { code?: string }).code;
  const name = visibleText(file);
  if (code === 'ENOENT') return new InspectorError('file-not-found', `There is no file ${name}.`, { cause: error });
  if (code === 'EISDIR')
    return new InspectorError('not-a-file', `${name} is a folder, not a HAR file.`, { cause: error });
  return new InspectorError('unreadable-file', `Cannot read ${name} (${code ?? 'read error'}).`, { cause: error });
}

export function unknownCommand(command: string): string {
  return `Unknown command "${visibleText(command)}". Run oauth-inspector --help to see the commands.`;
}
