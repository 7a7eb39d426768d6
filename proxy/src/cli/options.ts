// The options the CLI knows, the help for the shared ones, and the one rule for what a port number is.
import { parseArgs } from 'node:util';
import { visibleText } from '@oauth-inspector/core';
import { InspectorError } from '../errors.ts';

export const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'inspector-port': { type: 'string' },
  'data-dir': { type: 'string' },
  session: { type: 'string' },
  'body-cap': { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  'upstream-ca': { type: 'string', multiple: true },
  'insecure-upstream': { type: 'string', multiple: true },
  headless: { type: 'boolean' },
  scenario: { type: 'string' },
  attach: { type: 'string' },
  'no-inspector': { type: 'boolean' },
  verbose: { type: 'boolean' },
  'token-lifetime': { type: 'string' },
  redact: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type OptionName = keyof typeof OPTIONS;

export type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>
>['values'];

/** The options of every command that starts a proxy, and their help. */
export const STACK_OPTIONS = [
  'port',
  'host',
  'inspector-port',
  'data-dir',
  'session',
  'body-cap',
  'allow-origin',
  'upstream-ca',
  'insecure-upstream',
] as const satisfies readonly OptionName[];

export const COMMON_OPTIONS = `
Options:
  --port <n>            proxy port (default 8080)
  --host <addr>         address to bind (default 127.0.0.1; anything else exposes captured traffic)
  --inspector-port <n>  inspector port (default 8081)
  --data-dir <dir>      where sessions are journaled (default: your data dir, or $OAUTH_INSPECTOR_HOME/data)
  --session <name>      name of the new session
  --body-cap <bytes>    bodies above this size are truncated in the record, never for the client (default 1048576)
  --allow-origin <url>  another origin allowed on the live feed (e.g. http://localhost:5173 for vite dev)
  --upstream-ca <file>  also trust this CA (PEM) for upstream HTTPS, e.g. mkcert's rootCA.pem; repeatable
                        (Node's roots and the file in NODE_EXTRA_CA_CERTS are trusted already)
  --insecure-upstream <host>
                        don't verify the upstream certificate of this host (a warning says so); repeatable
  -h, --help            this help`;

/** True for an option that holds a port number (--port, --inspector-port, and any later one named so). */
export function isPortOption(name: string): boolean {
  return name === 'port' || name.endsWith('-port');
}

/** A port number from its text: digits only (so '' and '-1' are refused, not read as 0), 0 to 65535. */
export function portNumber(value: string, flag: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new InspectorError(
      'invalid-port',
      `${flag} must be a port number between 0 and 65535, not "${visibleText(value)}".`,
    );
  }
  return port;
}
