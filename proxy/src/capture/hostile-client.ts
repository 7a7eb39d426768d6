// Test and bench helper: speaks raw bytes to a proxy over TCP, so malformed requests reach it unchanged.
import { connect } from 'node:net';

export interface RawReply {
  /** Everything the proxy sent before it closed the connection or the wait ran out. */
  text: string;
  /** The status code of the first response line, or 0 when none came. */
  status: number;
  /** The connection was closed by the proxy (not by our timeout). */
  closed: boolean;
}

/**
 * Sends `bytes` to 127.0.0.1:port and collects the answer until the proxy closes or `waitMs` passes (or, with
 * `firstData`, until the first bytes of an answer arrive).
 */
export function sendRaw(
  port: number,
  bytes: string | Buffer | (string | Buffer)[],
  waitMs = 1000,
  { firstData = false } = {},
): Promise<RawReply> {
  const parts = Array.isArray(bytes) ? bytes : [bytes];
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let closed = false;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ text, status: m ? Number(m[1]) : 0, closed });
    };
    const timer = setTimeout(done, waitMs);
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
    });
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (firstData) done();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      done();
    });
  });
}
