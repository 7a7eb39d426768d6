// The sample world's start function as the lead specified it, loaded lazily so the proxy works without it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SampleWorldOptions {
  origins: { web: string; api: string; login: string };
  listen?: 'public' | 'internal';
  dataDir: string;
  scenario?: string;
  accessTokenLifetimeSeconds?: number;
  backChannelProxy?: string;
  log?: (line: string) => void;
}

export interface SampleWorld {
  upstreams: { web: string; api: string; login: string };
  scenario: string;
  scenarios: { id: string; title: string }[];
  setScenario(id: string): Promise<void>;
  close(): Promise<void>;
}

const MODULE_URL = new URL('./sample-world/start-sample-world.ts', import.meta.url);

export class SampleWorldMissingError extends Error {
  readonly code = 'sample-world-missing';
  constructor() {
    super('The sample world is not available in this checkout (proxy/src/sample-world/start-sample-world.ts is missing).');
  }
}

export function sampleWorldAvailable(): boolean {
  return existsSync(fileURLToPath(MODULE_URL));
}

export async function loadStartSampleWorld(): Promise<(options: SampleWorldOptions) => Promise<SampleWorld>> {
  if (!sampleWorldAvailable()) throw new SampleWorldMissingError();
  const mod = (await import(MODULE_URL.href)) as { startSampleWorld?: (options: SampleWorldOptions) => Promise<SampleWorld> };
  if (typeof mod.startSampleWorld !== 'function') throw new SampleWorldMissingError();
  return mod.startSampleWorld;
}

/** The gateway host names for the sample's three origins on the proxy's port. */
export function gatewayOrigins(port: number): { web: string; api: string; login: string } {
  return { web: `http://web.localhost:${port}`, api: `http://api.localhost:${port}`, login: `http://login.localhost:${port}` };
}
