// `oauth-inspector sessions`: list, export (HAR, optionally redacted), rename or delete recorded sessions.
import { Transform } from 'node:stream';
import { visibleText } from '@oauth-inspector/core';
import { InspectorError } from '../../errors.ts';
import { inspectorPaths } from '../../paths.ts';
import { deleteSession, listSessions, renameSession } from '../../session/session-store.ts';
import { exportSessionToFile, writeSessionHar } from '../../session/session-export.ts';
import { defineCommand, type CommandInput } from '../command.ts';
import { assertDataDir } from '../data-dir.ts';
import type { Values } from '../options.ts';
import { jsonForTerminal } from '../terminal-text.ts';

const HELP = `Usage: oauth-inspector sessions [list]
       oauth-inspector sessions export <id> [--redact] [-o <file>]
       oauth-inspector sessions rename <id> <name>
       oauth-inspector sessions delete <id>

  --redact              replace passwords, client secrets, cookies and token signatures with REDACTED
  -o, --output <file>   write the HAR there instead of standard output
  --data-dir <dir>      where sessions are journaled`;

export const sessions = defineCommand({
  usage: 'sessions',
  maxPositionals: Number.POSITIVE_INFINITY,
  summary: 'list, export (HAR, optionally redacted), rename or delete recorded sessions',
  help: HELP,
  options: ['data-dir', 'redact', 'output'],
  run,
});

type Out = (line: string) => void;

async function list(dataDir: string, out: Out): Promise<number> {
  const sessions = await listSessions(dataDir);
  if (sessions.length === 0) out('No sessions recorded yet.');
  // Session names come from whoever started the session (or a copied-in meta file): shown escaped.
  for (const s of sessions)
    out(`${visibleText(s.id)}  ${String(s.exchanges).padStart(6)} exchanges  ${visibleText(s.name)}`);
  return 0;
}

/** Standard output for a HAR: still valid JSON, with what a terminal would act on escaped (terminal-text.ts). */
function terminalStdout(): Transform {
  const stream = new Transform({
    transform: (chunk: Buffer, _encoding, done) => done(null, jsonForTerminal(chunk.toString('utf8'))),
  });
  stream.pipe(process.stdout);
  return stream;
}

/** Streams the session as HAR: to a file only its owner can read (mode 0600, even if it existed), or to stdout. */
async function exportTo(dataDir: string, id: string, values: Values, out: Out): Promise<number> {
  const options = { redact: Boolean(values.redact) };
  if (values.output) {
    const { entries } = await exportSessionToFile(dataDir, id, values.output, options);
    out(`Wrote ${entries} exchanges to ${visibleText(values.output)}${values.redact ? ' (redacted)' : ''}.`);
    return 0;
  }
  const stdout = terminalStdout();
  await writeSessionHar(dataDir, id, stdout, options);
  await new Promise<void>((resolve) => stdout.end(resolve));
  return 0;
}

/** Checks the words each subcommand takes: none after an id, except the new name of rename. */
function checkWords(sub: string, id: string | undefined, rest: string[]): string {
  if (sub === 'list') {
    const extra = id ?? rest[0];
    if (extra !== undefined)
      throw new InspectorError(
        'unexpected-argument',
        `Unexpected argument "${visibleText(extra)}" for "sessions list".`,
      );
    return '';
  }
  if (!['export', 'delete', 'rename'].includes(sub)) {
    throw new InspectorError(
      'usage',
      `Unknown sessions command "${visibleText(sub)}": use list, export, rename or delete.`,
    );
  }
  if (!id) throw new InspectorError('usage', `sessions ${sub} needs a session id (see oauth-inspector sessions list).`);
  if (sub === 'rename' && rest.length === 0) throw new InspectorError('usage', 'sessions rename needs a new name.');
  if (sub !== 'rename' && rest.length > 0)
    throw new InspectorError(
      'unexpected-argument',
      `Unexpected argument "${visibleText(rest[0]!)}" for "sessions ${sub}".`,
    );
  return id;
}

async function run({ values, positionals, io: { out } }: CommandInput): Promise<number> {
  const [sub = 'list', maybeId, ...rest] = positionals;
  const id = checkWords(sub, maybeId, rest);
  const dataDir = inspectorPaths(process.env, values['data-dir'] ? { dataDir: values['data-dir'] } : {}).dataDir;
  await assertDataDir(dataDir);
  if (sub === 'list') return list(dataDir, out);
  if (sub === 'export') return exportTo(dataDir, id, values, out);
  if (sub === 'delete') {
    await deleteSession(dataDir, id);
    out(`Deleted session ${visibleText(id)}.`);
    return 0;
  }
  await renameSession(dataDir, id, rest.join(' '));
  out(`Renamed session ${visibleText(id)}.`);
  return 0;
}
