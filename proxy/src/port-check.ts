// One sentence and a stable code for a port that cannot be bound; an early check that a port is free.
import { createServer } from 'node:net';
import { InspectorError } from './errors.ts';

/** Who is asking for the port: the option that sets it, or the name of the server that listens on it. */
export interface PortOwner {
  flag?: string;
  server?: string;
}

/**
 * The error for a failed bind: a taken port is `port-in-use`, a port below 1024 without the rights is
 * `port-not-allowed`; undefined for any other failure, which the caller passes on as it is.
 */
export function portBindError(
  error: unknown,
  host: string,
  port: number,
  owner: PortOwner,
): InspectorError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const at = `Port ${port} on ${host}${owner.server ? ` (${owner.server})` : ''}`;
  if (code === 'EADDRINUSE') {
    const other = owner.flag ? `pick another port with ${owner.flag} <number>` : 'choose another port';
    return new InspectorError('port-in-use', `${at} is already in use: stop whatever uses it or ${other}.`, {
      cause: error,
    });
  }
  if (code === 'EACCES') {
    const other = owner.flag ? `pick a port above 1023 with ${owner.flag} <number>` : 'choose a port above 1023';
    return new InspectorError('port-not-allowed', `${at} needs administrator rights: ${other}.`, { cause: error });
  }
  return undefined;
}

/** Resolves when host:port can be bound right now (port 0 always can). */
export async function assertPortFree(host: string, port: number, flag = '--port'): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(portBindError(err, host, port, { flag }) ?? err));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
