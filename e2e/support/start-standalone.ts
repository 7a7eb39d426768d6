// Starts the sample world standalone for tests: three localhost ports = three origins, logs kept in memory.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startSampleWorld,
  type SampleWorld,
  type ScenarioId,
} from '@oauth-inspector/proxy/sample-world/start-sample-world.ts';

export interface StandaloneWorld {
  world: SampleWorld;
  origins: { web: string; api: string; login: string };
  /** Every log line written so far (API request lines, back-channel calls, scenario switches). */
  logs: string[];
  /** Parsed JSON log lines. */
  logEntries(): Record<string, unknown>[];
  close(): Promise<void>;
}

/** Reserves `count` distinct free loopback ports (held together, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

export async function startStandalone(
  options: { scenario?: ScenarioId; accessTokenLifetimeSeconds?: number } = {},
): Promise<StandaloneWorld> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sample-world-'));
  const [web, api, login] = (await freePorts(3)).map((port) => `http://localhost:${port}`) as [string, string, string];
  const origins = { web, api, login };
  const logs: string[] = [];
  const world = await startSampleWorld({
    origins,
    listen: 'public',
    dataDir,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.accessTokenLifetimeSeconds ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds } : {}),
    log: (line) => logs.push(line),
  });
  return {
    world,
    origins,
    logs,
    logEntries: () =>
      logs.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    async close() {
      await world.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
