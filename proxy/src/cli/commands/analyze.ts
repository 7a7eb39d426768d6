// `oauth-inspector analyze <file.har>`: the registry's entry for the analyze command, which reads its own arguments.
import { ANALYZE_HELP, runAnalyzeCommand } from '../analyze-command.ts';
import type { Command, CommandInput } from '../command.ts';

export const analyzeCommand: Command = {
  name: 'analyze',
  usage: 'analyze',
  summary: 'analyze a HAR file from the command line',
  help: ANALYZE_HELP,
  run: ({ raw, io }: CommandInput) => runAnalyzeCommand(raw, { stdout: io.out, stderr: io.err }),
};
