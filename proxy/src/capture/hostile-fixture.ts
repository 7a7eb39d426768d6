// Test helper: what the hostile-input suites start once per file: an origin, a capture proxy, a port where nothing
// listens, and a watch on anything that would have ended the process.
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { startHttpServer, type TestServer } from '../testing/servers.ts';
import type { CaptureProxy } from './capture-proxy.ts';
import { closedPort, startCaptureKit, watchUncaught, type CaptureKit } from './capture-test-kit.ts';

export interface HostileFixture {
  origin: TestServer;
  kit: CaptureKit;
  proxy: CaptureProxy;
  downPort: number;
  uncaught: ReturnType<typeof watchUncaught>;
}

type KitOptions = Parameters<typeof startCaptureKit>[0];

/** Call at the top of a test file; the fields are set once its beforeAll ran, and all is stopped after its tests. */
export function useHostileFixture(
  handler: RequestListener,
  kitOptions: (origin: TestServer) => KitOptions,
): HostileFixture {
  const fixture = { uncaught: watchUncaught() } as HostileFixture;
  beforeAll(async () => {
    fixture.origin = await startHttpServer(handler);
    fixture.downPort = await closedPort();
    fixture.kit = await startCaptureKit(kitOptions(fixture.origin));
    fixture.proxy = fixture.kit.proxy;
  });
  afterAll(async () => {
    fixture.uncaught.stop();
    await fixture.kit?.close();
    await fixture.origin?.close();
  });
  return fixture;
}
