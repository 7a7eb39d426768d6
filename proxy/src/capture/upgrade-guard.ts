// A guard in front of http-mitm-proxy's ws servers: every WebSocket upgrade is looked at before any 101 goes out.
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Looks at a WebSocket upgrade before the library's ws server answers 101 to it. `connectRequest` is the CONNECT the
 * upgrade came through, if any. Returns false when it answered the client itself: the library never sees it then.
 */
export type UpgradeGuard = (
  isSSL: boolean,
  req: IncomingMessage,
  socket: Duplex,
  connectRequest: IncomingMessage | undefined,
) => boolean;

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface GuardSetup {
  isSSL: boolean;
  guard: () => UpgradeGuard | undefined;
  /** The library's CONNECT request for a connection, by `remotePort:localPort` of the connection it opened. */
  connectRequest: (key: string) => IncomingMessage | undefined;
  onError: (err: unknown) => void;
}

/**
 * The library's ws servers listen for `upgrade` on its HTTP and HTTPS servers and accept every handshake they can
 * parse. Put the guard in front of them: their listeners run only for the upgrades it lets through.
 */
export function guardUpgrades(server: EventEmitter, setup: GuardSetup): void {
  const accept = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { remotePort, localPort } = socket as Socket;
    try {
      const guard = setup.guard();
      if (guard && !guard(setup.isSSL, req, socket, setup.connectRequest(`${remotePort}:${localPort}`))) return;
      for (const listener of accept) listener.call(server, req, socket, head);
    } catch (thrown) {
      setup.onError(thrown);
      socket.destroy();
    }
  });
}
