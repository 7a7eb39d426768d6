// Tests for assertPortFree: a taken port is an InspectorError with code port-in-use and one sentence naming the flag.
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { InspectorError, isInspectorError } from './errors.ts';
import { assertPortFree, portBindError } from './port-check.ts';

describe('assertPortFree', () => {
  it('refuses a taken port with code port-in-use, naming the flag to change', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await assertPortFree('127.0.0.1', port, '--inspector-port').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isInspectorError(error, 'port-in-use')).toBe(true);
      expect(error).toBeInstanceOf(InspectorError);
      expect((error as Error).message).toBe(
        `Port ${port} on 127.0.0.1 is already in use: stop whatever uses it or pick another port with --inspector-port <number>.`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('accepts a free port and port 0', async () => {
    await expect(assertPortFree('127.0.0.1', 0)).resolves.toBeUndefined();
    const probe: Server = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    await expect(assertPortFree('127.0.0.1', port)).resolves.toBeUndefined();
  });
});

describe('portBindError', () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });
  it('says a port without the rights needs them (port-not-allowed), not that it is in use', () => {
    const error = portBindError(errno('EACCES'), '127.0.0.1', 80, { server: 'authorization server' });
    expect(error?.code).toBe('port-not-allowed');
    expect(error?.message).toBe(
      'Port 80 on 127.0.0.1 (authorization server) needs administrator rights: choose a port above 1023.',
    );
  });

  it('names the option to change for a taken port, and passes other failures on', () => {
    expect(portBindError(errno('EADDRINUSE'), '127.0.0.1', 8080, { flag: '--port' })?.message).toBe(
      'Port 8080 on 127.0.0.1 is already in use: stop whatever uses it or pick another port with --port <number>.',
    );
    expect(portBindError(errno('ECONNRESET'), '127.0.0.1', 8080, { flag: '--port' })).toBeUndefined();
  });
});
