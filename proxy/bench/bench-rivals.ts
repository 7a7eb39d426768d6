// Benchmark rivals: mockttp (in this process) and mitmdump (its own process), proxying the same origins with our CA.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getLocal, type Mockttp } from 'mockttp';
import type { LocalCa } from '../src/ca/local-ca.ts';

export const MITMDUMP_MISSING = 'mitmdump not installed (Debian: apt-get install -y mitmproxy)';

/**
 * mockttp as HTTP Toolkit runs it: a pass-through rule for every request, traffic reported through its 'request' and
 * 'response' subscriptions (bodies included), not stored in memory (recordTraffic off). It signs its interception
 * certificates with our CA and trusts it upstream, as the capture proxy does, so every client trusts the same CA.
 */
export async function startMockttp(ca: LocalCa, caKeyPem: string): Promise<Mockttp> {
  // It reports each request a load generator cuts off at the end of a round on console.error: not a bench result.
  const error = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] !== 'string' || !args[0].startsWith('Failed to handle request')) error.apply(console, args);
  };
  const server = getLocal({ https: { key: caKeyPem, cert: ca.caCertPem }, recordTraffic: false, http2: false });
  await server.start({ startPort: 20000, endPort: 60000 });
  await server.forAnyRequest().thenPassThrough({ additionalTrustedCAs: [{ cert: ca.caCertPem }] });
  let seen = 0;
  await server.on('request', () => void seen++);
  await server.on('response', () => void seen++);
  return server;
}

/** The CA's private key, which mockttp and mitmdump need to sign their own interception certificates. */
export function caKeyOf(ca: LocalCa): string {
  return readFileSync(join(ca.dir, 'keys', 'ca.private.key'), 'utf8');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function listening(port: number, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => resolve(true));
      socket.on('error', () => resolve(false));
      socket.setTimeout(500, () => resolve(false));
      socket.once('close', () => undefined);
      setTimeout(() => socket.destroy(), 600);
    });
    if (up) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export interface Mitmdump {
  port: number;
  process: ChildProcess;
  /** CPU seconds the mitmdump process has used, in µs (Linux /proc), or 0 where that cannot be read. */
  cpuMicros(): number;
}

/**
 * mitmdump with its flows written to a file (its counterpart of our journal), our CA as its own (confdir's
 * mitmproxy-ca.pem holds key and certificate) and as the trusted CA upstream. Undefined when it is not installed.
 */
export async function startMitmdump(ca: LocalCa, caKeyPem: string, dir: string): Promise<Mitmdump | undefined> {
  await writeFile(join(dir, 'mitmproxy-ca.pem'), `${caKeyPem.trimEnd()}\n${ca.caCertPem.trimEnd()}\n`, { mode: 0o600 });
  await writeFile(join(dir, 'upstream-ca.pem'), ca.caCertPem);
  const port = await freePort();
  const args = ['--listen-host', '127.0.0.1', '--listen-port', String(port), '-q'];
  for (const set of [
    `confdir=${dir}`,
    `ssl_verify_upstream_trusted_ca=${join(dir, 'upstream-ca.pem')}`,
    'flow_detail=0',
  ])
    args.push('--set', set);
  args.push('-w', join(dir, 'flows.mitm'));
  const child = spawn('mitmdump', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const missing = new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true));
    child.once('exit', () => resolve(true));
  });
  const up = await Promise.race([listening(port, Date.now() + 15_000), missing.then(() => false)]);
  if (!up) {
    child.kill();
    return undefined;
  }
  const stat = `/proc/${child.pid}/stat`;
  const ticks = 100; // USER_HZ on Linux
  return {
    port,
    process: child,
    cpuMicros() {
      try {
        const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
        return ((Number(fields[11]) + Number(fields[12])) / ticks) * 1e6;
      } catch {
        return 0;
      }
    },
  };
}
