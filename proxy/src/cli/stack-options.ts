// What the commands that start a proxy share: turning options into StackOptions, printing URLs, waiting for Ctrl+C.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { visibleText } from '@oauth-inspector/core';
import { InspectorError } from '../errors.ts';
import { readableLogLine } from '../sample-world/readable-log.ts';
import { SHIPPED } from '../shipped-files.ts';
import type { Stack, StackOptions } from '../stack.ts';
import { portNumber, type Values } from './options.ts';
import { upstreamOptions } from './upstream-options.ts';

type Out = (line: string) => void;

/** Log lines carry what clients sent: shown escaped, so that no control sequence reaches the terminal. */
export const logToStderr: Out = (line) => void process.stderr.write(`${visibleText(line)}\n`);

/** Without --verbose, the terminal shows the API's requests and back-channel calls as one readable line each. */
export function readableOnly(out: Out): Out {
  return (line) => {
    const readable = readableLogLine(line);
    if (readable) out(visibleText(readable));
  };
}

function bindHost(values: Values, out: Out): string {
  // "localhost" may resolve to ::1 first, where interception cannot work (below): it means the IPv4 loopback here.
  const host = values.host === undefined || values.host === 'localhost' ? '127.0.0.1' : values.host;
  if (host === '::1' || host === '[::1]') {
    // http-mitm-proxy reaches its own TLS servers at an IPv4 address, so HTTPS interception cannot work on ::1.
    throw new InspectorError(
      'usage',
      '--host ::1 is not supported (HTTPS interception needs IPv4): use 127.0.0.1, the default.',
    );
  }
  if (host !== '127.0.0.1') {
    out(
      `Warning: binding the proxy to ${visibleText(host)} lets other machines use it as an open proxy: they can read what it captures ` +
        `and reach services that listen only on this machine's loopback. The inspector stays on 127.0.0.1.`,
    );
  }
  return host;
}

export function stackOptions(
  values: Values,
  out: Out,
  defaults: { port: number; inspectorPort: number },
  env: NodeJS.ProcessEnv = process.env,
): StackOptions {
  const host = bindHost(values, out);
  const bodyCap = values['body-cap'] === undefined ? undefined : Number(values['body-cap']);
  if (bodyCap !== undefined && !(Number.isInteger(bodyCap) && bodyCap > 0))
    throw new InspectorError('usage', '--body-cap must be a positive number of bytes.');
  const port = (value: string | undefined, fallback: number, flag: string) =>
    value === undefined ? fallback : portNumber(value, flag);
  return {
    port: port(values.port, defaults.port, '--port'),
    host,
    inspectorPort: values['no-inspector']
      ? null
      : port(values['inspector-port'], defaults.inspectorPort, '--inspector-port'),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values.session ? { sessionName: values.session } : {}),
    ...(bodyCap ? { bodyCap } : {}),
    ...(values['allow-origin'] ? { extraOrigins: values['allow-origin'] } : {}),
    ...upstreamOptions(values, out, env),
  };
}

export function printUrls(stack: Stack, out: Out): void {
  for (const { name, url } of stack.urls) out(`${name}: ${url}`);
}

export function waitForSignal(): Promise<void> {
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

export function distMissingNote(out: Out): void {
  if (!existsSync(join(SHIPPED.inspectorDist, 'index.html')))
    out('Note: the inspector is not built yet: run npm run build, then reload the inspector page.');
}
