// The oauth-inspector command line: parses arguments, runs one command, turns user errors into one sentence.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openLocalCa } from '../ca/local-ca.ts';
import { inspectorPaths } from '../paths.ts';
import { sampleWorldAvailable } from '../sample-world-contract.ts';
import { readableLogLine } from '../sample-world/readable-log.ts';
import { SCENARIOS, isScenarioId } from '../sample-world/scenarios.ts';
import { deleteSession, listSessions, renameSession } from '../session/session-store.ts';
import { exportSessionToFile, writeSessionHar } from '../session/session-export.ts';
import { startStack, type Stack, type StackOptions } from '../stack.ts';
import { browserLaunchArgs, findBrowser } from './browser-flags.ts';
import { runEnvironment } from './run-env.ts';

export class UsageError extends Error {
  readonly code = 'usage';
}

const COMMON_OPTIONS = `
Options:
  --port <n>            proxy port (default 8080)
  --host <addr>         address to bind (default 127.0.0.1; anything else exposes captured traffic)
  --inspector-port <n>  inspector port (default 8081)
  --data-dir <dir>      where sessions are journaled (default: your data dir, or $OAUTH_INSPECTOR_HOME/data)
  --session <name>      name of the new session
  --body-cap <bytes>    bodies above this size are truncated in the record, never for the client (default 1048576)
  --allow-origin <url>  another origin allowed on the live feed (e.g. http://localhost:5173 for vite dev)
  -h, --help            this help`;

const HELP: Record<string, string> = {
  main: `Usage: oauth-inspector <command> [options]

Commands:
  start             the sample world behind the proxy, plus the inspector (what npm start runs)
  proxy             only the capture proxy and the inspector, for your own apps and browsers
  run -- <command>  run a command with the proxy and its CA set up (HTTP(S)_PROXY, NODE_EXTRA_CA_CERTS, fetch preload)
  browser [url]     open Chromium/Chrome with a throwaway profile going through the proxy
  ca                where the local CA certificate is, and how to trust it
  sessions          list, export (HAR, optionally redacted), rename or delete recorded sessions
  analyze           analyze a HAR file from the command line

Run oauth-inspector <command> --help for the options of one command.`,
  start: `Usage: oauth-inspector start [--scenario <id>] [options]

Starts the sample app, API and authorization server behind the proxy's gateway and prints their URLs and the
inspector's URL (with the feed's access token). Open the sample app's URL in any browser: no proxy settings needed.
  --scenario <id>       start the sample world in this scenario: ${SCENARIOS.map((s) => s.id).join(', ')}
  --token-lifetime <s>  access token lifetime in seconds (default 900), e.g. 20 to watch tokens expire
  --verbose             print the sample world's raw JSON log lines, the authorization server's included
${COMMON_OPTIONS}`,
  proxy: `Usage: oauth-inspector proxy [options]

Starts the capture proxy (HTTP and HTTPS with interception) and the inspector. Point your app or browser at the
printed proxy URL; oauth-inspector ca tells how to trust the CA.
  --no-inspector        don't start the inspector server
${COMMON_OPTIONS}`,
  run: `Usage: oauth-inspector run [options] -- <command> [args...]

Starts a proxy (on an ephemeral port unless --port is given) and runs <command> with HTTP_PROXY/HTTPS_PROXY,
NODE_EXTRA_CA_CERTS and a preload that makes Node's fetch use the proxy. Exits with the command's exit code.
  --attach <url>        use an already running proxy (e.g. http://127.0.0.1:8080) instead of starting one
${COMMON_OPTIONS}`,
  browser: `Usage: oauth-inspector browser [url] [options]

Opens Chromium or Chrome with a throwaway profile that goes through the proxy (loopback included) and accepts
the local CA for that profile only. Uses the proxy on --port when one is running, else starts one.
${COMMON_OPTIONS}`,
  ca: `Usage: oauth-inspector ca

Creates the local CA if needed, then prints where its certificate is, its SPKI fingerprint, and how to trust it
on Linux, macOS, Windows and in Firefox. The private key never leaves your config directory.`,
  sessions: `Usage: oauth-inspector sessions [list]
       oauth-inspector sessions export <id> [--redact] [-o <file>]
       oauth-inspector sessions rename <id> <name>
       oauth-inspector sessions delete <id>

  --redact              replace passwords, client secrets, cookies and token signatures with REDACTED
  -o, --output <file>   write the HAR there instead of standard output
  --data-dir <dir>      where sessions are journaled`,
};

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'inspector-port': { type: 'string' },
  'data-dir': { type: 'string' },
  session: { type: 'string' },
  'body-cap': { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  scenario: { type: 'string' },
  attach: { type: 'string' },
  'no-inspector': { type: 'boolean' },
  verbose: { type: 'boolean' },
  'token-lifetime': { type: 'string' },
  redact: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

function portOption(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${flag} must be a port number between 0 and 65535, not "${value}".`);
  return port;
}

/** Without --verbose, the terminal shows the API's requests and back-channel calls as one readable line each. */
function readableOnly(out: (line: string) => void): (line: string) => void {
  return (line) => {
    const readable = readableLogLine(line);
    if (readable) out(readable);
  };
}

function stackOptions(values: Values, out: (line: string) => void, defaults: { port: number; inspectorPort: number }): StackOptions {
  // "localhost" may resolve to ::1 first, where interception cannot work (below): it means the IPv4 loopback here.
  const host = values.host === undefined || values.host === 'localhost' ? '127.0.0.1' : values.host;
  if (host === '::1' || host === '[::1]') {
    // http-mitm-proxy reaches its own TLS servers at an IPv4 address, so HTTPS interception cannot work on ::1.
    throw new UsageError('--host ::1 is not supported (HTTPS interception needs IPv4): use 127.0.0.1, the default.');
  }
  if (host !== '127.0.0.1') {
    out(
      `Warning: binding the proxy to ${host} lets other machines use it as an open proxy: they can read what it captures ` +
        `and reach services that listen only on this machine's loopback. The inspector stays on 127.0.0.1.`,
    );
  }
  const bodyCap = values['body-cap'] === undefined ? undefined : Number(values['body-cap']);
  if (bodyCap !== undefined && !(Number.isInteger(bodyCap) && bodyCap > 0)) throw new UsageError('--body-cap must be a positive number of bytes.');
  return {
    port: portOption(values.port, defaults.port, '--port'),
    host,
    inspectorPort: values['no-inspector'] ? null : portOption(values['inspector-port'], defaults.inspectorPort, '--inspector-port'),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values.session ? { sessionName: values.session } : {}),
    ...(bodyCap ? { bodyCap } : {}),
    ...(values['allow-origin'] ? { extraOrigins: values['allow-origin'] } : {}),
  };
}

function printUrls(stack: Stack, out: (line: string) => void): void {
  for (const { name, url } of stack.urls) out(`${name}: ${url}`);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

function proxyAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function distMissingNote(out: (line: string) => void): void {
  const dist = fileURLToPath(new URL('../../../inspector/dist/index.html', import.meta.url));
  if (!existsSync(dist)) out('Note: the inspector is not built yet: run npm run build, then reload the inspector page.');
}

async function commandStart(values: Values, out: (line: string) => void): Promise<number> {
  if (!sampleWorldAvailable()) {
    out('The sample world is not in this checkout yet; use `oauth-inspector proxy` to capture your own apps.');
    return 1;
  }
  if (values.scenario !== undefined && !isScenarioId(values.scenario)) {
    throw new UsageError(`There is no scenario "${values.scenario}"; the scenarios are ${SCENARIOS.map((s) => s.id).join(', ')}.`);
  }
  const lifetime = values['token-lifetime'] === undefined ? undefined : Number(values['token-lifetime']);
  if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime >= 5 && lifetime <= 86_400)) {
    throw new UsageError('--token-lifetime must be a whole number of seconds between 5 and 86400.');
  }
  const stack = await startStack({ ...stackOptions(values, out, { port: 8080, inspectorPort: 8081 }), sampleWorld: true, ...(values.scenario ? { scenario: values.scenario } : {}), ...(lifetime ? { accessTokenLifetimeSeconds: lifetime } : {}), log: values.verbose ? (l) => process.stderr.write(`${l}\n`) : readableOnly(out) });
  printUrls(stack, out);
  out('Sign in as alice / alice-password or bob / bob-password.');
  distMissingNote(out);
  out('Press Ctrl+C to stop.');
  await waitForSignal();
  await stack.close();
  return 0;
}

async function commandProxy(values: Values, out: (line: string) => void): Promise<number> {
  const stack = await startStack({ ...stackOptions(values, out, { port: 8080, inspectorPort: 8081 }), log: (l) => process.stderr.write(`${l}\n`) });
  printUrls(stack, out);
  out(`CA certificate: ${stack.ca.caCertPath} (oauth-inspector ca tells how to trust it)`);
  if (stack.inspector) distMissingNote(out);
  out('Press Ctrl+C to stop.');
  await waitForSignal();
  await stack.close();
  return 0;
}

async function commandRun(values: Values, command: string[], out: (line: string) => void): Promise<number> {
  if (command.length === 0) throw new UsageError('Nothing to run: put the command after --, e.g. oauth-inspector run -- node app.js');
  let stack: Stack | undefined;
  let proxyUrl: string;
  let caCertPath: string;
  if (values.attach) {
    proxyUrl = values.attach;
    const ca = await openLocalCa(join(inspectorPaths().configDir, 'ca'));
    caCertPath = ca.caCertPath;
  } else {
    stack = await startStack(stackOptions(values, (l) => process.stderr.write(`${l}\n`), { port: 0, inspectorPort: 0 }));
    for (const { name, url } of stack.urls) process.stderr.write(`${name}: ${url}\n`);
    proxyUrl = stack.proxy.url;
    caCertPath = stack.ca.caCertPath;
  }
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: runEnvironment(process.env, proxyUrl, caCertPath) });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      out(err.code === 'ENOENT' ? `Command not found: ${command[0]}.` : `Could not run ${command[0]}: ${err.message}`);
      resolve(127);
    });
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  });
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  // Let the last exchanges finish recording before closing.
  await new Promise((r) => setTimeout(r, 100));
  if (stack) {
    process.stderr.write(`Session ${stack.session.info.id}: ${stack.session.exchangeCount} exchanges journaled in ${stack.session.journalPath}\n`);
    await stack.close();
  }
  return code;
}

async function commandBrowser(values: Values, url: string | undefined, out: (line: string) => void): Promise<number> {
  const executable = findBrowser();
  const options = stackOptions(values, out, { port: 8080, inspectorPort: 8081 });
  const host = options.host ?? '127.0.0.1';
  let stack: Stack | undefined;
  let proxyUrl = `http://${host}:${options.port}`;
  const ca = await openLocalCa(join(inspectorPaths().configDir, 'ca'));
  if (!(options.port && (await proxyAnswers(host, options.port)))) {
    stack = await startStack({ ...options, log: (l) => process.stderr.write(`${l}\n`) });
    printUrls(stack, out);
    proxyUrl = stack.proxy.url;
  } else {
    out(`Using the proxy already running at ${proxyUrl}.`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'oauth-inspector-browser-'));
  const args = browserLaunchArgs({ proxyUrl, caSpkiSha256: ca.spkiSha256, userDataDir: profile, isRoot: process.getuid?.() === 0, ...(url ? { url } : {}) });
  const child = spawn(executable, args, { stdio: 'ignore' });
  out(`Opened ${executable} with a throwaway profile going through ${proxyUrl}. Close the browser to stop.`);
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
    process.once('SIGINT', () => child.kill());
  });
  await rm(profile, { recursive: true, force: true });
  await stack?.close();
  return 0;
}

async function commandCa(out: (line: string) => void): Promise<number> {
  const ca = await openLocalCa(join(inspectorPaths().configDir, 'ca'));
  out(`CA certificate: ${ca.caCertPath}`);
  out(`SPKI sha256 (base64): ${ca.spkiSha256}`);
  out('The private key stays in that folder (mode 0600). Trust the certificate only where you need it:');
  out(`  oauth-inspector browser / run     nothing to do: they trust it for that browser profile or command only`);
  out(`  Node.js                           NODE_EXTRA_CA_CERTS=${ca.caCertPath}`);
  out(`  Linux (Debian/Ubuntu)             sudo cp ${ca.caCertPath} /usr/local/share/ca-certificates/oauth-inspector.crt && sudo update-ca-certificates`);
  out(`  Linux (Fedora/RHEL)               sudo cp ${ca.caCertPath} /etc/pki/ca-trust/source/anchors/oauth-inspector.pem && sudo update-ca-trust`);
  out(`  macOS                             sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${ca.caCertPath}`);
  out(`  Windows (PowerShell, admin)       Import-Certificate -FilePath "${ca.caCertPath}" -CertStoreLocation Cert:\\LocalMachine\\Root`);
  out('  Firefox                           Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import');
  out('Remove it again when you are done: anyone with the key could intercept your HTTPS traffic.');
  return 0;
}

async function commandSessions(values: Values, args: string[], out: (line: string) => void): Promise<number> {
  const dataDir = inspectorPaths(process.env, values['data-dir'] ? { dataDir: values['data-dir'] } : {}).dataDir;
  const [sub = 'list', id, ...rest] = args;
  if (sub === 'list') {
    const sessions = await listSessions(dataDir);
    if (sessions.length === 0) out('No sessions recorded yet.');
    for (const s of sessions) out(`${s.id}  ${String(s.exchanges).padStart(6)} exchanges  ${s.name}`);
    return 0;
  }
  if (!id) throw new UsageError(`sessions ${sub} needs a session id (see oauth-inspector sessions list).`);
  if (sub === 'export') {
    const options = { redact: Boolean(values.redact) };
    if (values.output) {
      const { entries } = await exportSessionToFile(dataDir, id, values.output, options);
      out(`Wrote ${entries} exchanges to ${values.output}${values.redact ? ' (redacted)' : ''}.`);
    } else await writeSessionHar(dataDir, id, process.stdout, options);
    return 0;
  }
  if (sub === 'delete') {
    await deleteSession(dataDir, id);
    out(`Deleted session ${id}.`);
    return 0;
  }
  if (sub === 'rename') {
    if (rest.length === 0) throw new UsageError('sessions rename needs a new name.');
    await renameSession(dataDir, id, rest.join(' '));
    out(`Renamed session ${id}.`);
    return 0;
  }
  throw new UsageError(`Unknown sessions command "${sub}": use list, export, rename or delete.`);
}

async function commandAnalyze(args: string[], out: (line: string) => void): Promise<number> {
  const modulePath = new URL('./analyze-command.ts', import.meta.url);
  if (!existsSync(fileURLToPath(modulePath))) {
    out('The analyze command is not available in this checkout yet (proxy/src/cli/analyze-command.ts is missing).');
    return 1;
  }
  const mod = (await import(modulePath.href)) as { runAnalyzeCommand?: (args: string[]) => Promise<number> };
  if (typeof mod.runAnalyzeCommand !== 'function') {
    out('The analyze command is not available: analyze-command.ts does not export runAnalyzeCommand.');
    return 1;
  }
  return mod.runAnalyzeCommand(args);
}

/** Runs the CLI and returns the exit code. `out` receives user-facing lines (stdout by default). */
const toStdout = (line: string) => void process.stdout.write(`${line}\n`);
const toStderr = (line: string) => void process.stderr.write(`${line}\n`);

/** One sentence for an error Node's parseArgs raised, in our words. */
function usageSentence(e: { code?: string; message?: string }, command: string): string {
  const option = /'(-{1,2}[^' ]+)/.exec(e.message ?? '')?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `Unknown option ${option} for "${command}".`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `Option ${option} needs a value.`;
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `"${command}" takes no such argument.`;
  const text = (e.message ?? '').trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** One sentence for a file-system failure (an unusable --data-dir, a full disk). */
function fileSystemSentence(e: { code?: string; path?: string }): string | undefined {
  const where = e.path ? ` ${e.path}` : '';
  switch (e.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `Cannot use${where}: a file is in the way of a folder; choose another --data-dir or move the file.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Cannot write to${where}: you lack permission there; choose another --data-dir.`;
    case 'ENOSPC':
      return `Cannot write to${where}: the disk is full; free some space and start again.`;
    default:
      return undefined;
  }
}

/**
 * Runs the CLI and returns the exit code. `out` receives user-facing lines (stdout by default); `err` receives
 * errors and warnings (stderr by default, or `out` when a caller collects lines).
 */
export async function main(argv: string[], out: (line: string) => void = toStdout, err: (line: string) => void = out === toStdout ? toStderr : out): Promise<number> {
  const dash = argv.indexOf('--');
  const before = dash < 0 ? argv : argv.slice(0, dash);
  const after = dash < 0 ? [] : argv.slice(dash + 1);
  const [command, ...rest] = before;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(HELP.main!);
    return command ? 0 : 1;
  }
  if (command === 'analyze') return commandAnalyze([...rest, ...(dash < 0 ? [] : ['--', ...after])], out);
  if (!(command in HELP) || command === 'main') {
    err(`Unknown command "${command}". Run oauth-inspector --help to see the commands.`);
    return 2;
  }
  // http-mitm-proxy reports every new HTTPS host on console.debug; the CLI's output is ours.
  console.debug = () => undefined;
  // oidc-provider warns on import that it prefers Node 22; Node 20.19+ is supported here (see README).
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
    warn(...args);
  };
  try {
    const { values, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help) {
      out(HELP[command]!);
      return 0;
    }
    switch (command) {
      case 'start':
        return await commandStart(values, out);
      case 'proxy':
        return await commandProxy(values, out);
      case 'run':
        return await commandRun(values, after, out);
      case 'browser':
        return await commandBrowser(values, positionals[0], out);
      case 'ca':
        return await commandCa(out);
      case 'sessions':
        return await commandSessions(values, positionals, out);
    }
    return 2;
  } catch (error) {
    const e = error as { code?: string; message?: string; stack?: string; path?: string };
    if (e instanceof UsageError || (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS'))) {
      err(`${usageSentence(e, command)} Run oauth-inspector ${command} --help for usage.`);
      return 2;
    }
    // One sentence for the user; the stack only on request.
    err(fileSystemSentence(e) ?? e.message ?? String(error));
    if (process.env.OAUTH_INSPECTOR_DEBUG) process.stderr.write(`${e.stack ?? ''}\n`);
    return 1;
  }
}
