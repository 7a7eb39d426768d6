// Starts a Node HTTP server listening and returns where it listens and a close() that also ends kept-alive connections.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenAddress {
  /** Defaults to 127.0.0.1: loopback only unless asked (GUIDE §3.8). */
  host?: string;
  /** Defaults to 0, an ephemeral port. */
  port?: number;
}

export interface Listening {
  /** Where the server really listens, e.g. http://127.0.0.1:41234. */
  url: string;
  host: string;
  port: number;
  /** Stops accepting and closes every open connection, so close never waits for an idle keep-alive socket. */
  close(): Promise<void>;
}

/**
 * Listens on host:port. A port that is taken or forbidden rejects with Node's own error (`code` EADDRINUSE or
 * EACCES), so the caller can word the sentence with what it knows (which server, which flag).
 */
export async function listen(server: Server, address: ListenAddress = {}): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port ?? 0, address.host ?? '127.0.0.1', () => resolve());
  });
  const bound = server.address() as AddressInfo;
  return {
    url: `http://${bound.address}:${bound.port}`,
    host: bound.address,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
