// Fails early, with one clear sentence and a stable code, when a port is already taken.
import { createServer } from 'node:net';
import { InspectorError } from './errors.ts';

/** The port is taken (`port-in-use`); kept as a class so callers can still catch it by name. */
export class PortInUseError extends InspectorError {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly flag: string,
  ) {
    super(
      'port-in-use',
      `Port ${port} on ${host} is already in use: stop whatever uses it or pick another port with ${flag} <number>.`,
    );
  }
}

/** The port needs administrator rights (`port-not-allowed`). */
export class PortNotAllowedError extends InspectorError {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly flag: string,
  ) {
    super(
      'port-not-allowed',
      `Port ${port} on ${host} needs administrator rights: pick a port above 1023 with ${flag} <number>.`,
    );
  }
}

/** Resolves when host:port can be bound right now (port 0 always can). */
export async function assertPortFree(host: string, port: number, flag = '--port'): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new PortInUseError(host, port, flag));
      else if (err.code === 'EACCES') reject(new PortNotAllowedError(host, port, flag));
      else reject(err);
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
