// Test and bench helper: a capture proxy with its own local CA in a temporary folder, its events collected.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalCa, type LocalCa } from '../ca/local-ca.ts';
import { startCaptureProxy, type CaptureEvent, type CaptureProxy, type CaptureProxyOptions } from './capture-proxy.ts';

export interface CaptureKit {
  ca: LocalCa;
  proxy: CaptureProxy;
  events: CaptureEvent[];
  close(): Promise<void>;
}

/** Opens a fresh CA and starts a proxy on an ephemeral loopback port; `close` removes both. */
export async function startCaptureKit(
  options: Omit<CaptureProxyOptions, 'ca' | 'port' | 'onEvent'> = {},
): Promise<CaptureKit> {
  const home = await mkdtemp(join(tmpdir(), 'oi-capture-kit-'));
  const ca = await openLocalCa(join(home, 'ca'));
  const events: CaptureEvent[] = [];
  const proxy = await startCaptureProxy({ ...options, ca, port: 0, onEvent: (e) => events.push(e) });
  return {
    ca,
    proxy,
    events,
    async close() {
      await proxy.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Collects what would have ended the process (uncaught exceptions, unhandled rejections) until `stop` is called. */
export function watchUncaught(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const record = (err: unknown) => void errors.push(err);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  return {
    errors,
    stop() {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
    },
  };
}

/** A loopback port where nothing listens (it did a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
