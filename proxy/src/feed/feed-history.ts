// Sends one client the feed's `history` message in pieces, from the journal lines of the history window.
import type { WebSocket } from 'ws';

/** What a reconnecting client is sent: serialized exchanges (one JSON object each), oldest first. */
export interface FeedHistory {
  lines: readonly Buffer[];
  /** Exchanges in the whole session; more than `lines.length` when older ones fell out of the window. */
  total: number;
}

/** Small lines are gathered into pieces of about this size; a larger line goes out alone, without a copy. */
const PIECE = 256 * 1024;
const COMMA = Buffer.from(',');
const END = Buffer.from(']}');

/**
 * Sends `{"type":"history","sessionId":…,"exchanges":[…]}` as one WebSocket text message in fragments (RFC 6455
 * §5.4), built from the lines without parsing or re-serializing them. Each fragment waits until the previous one was
 * handed to the kernel, so a client holds at most about one piece of copies in proxy memory however large the window
 * (the lines themselves are shared with the session's memory window). Resolves false if the client went away.
 */
export async function streamHistory(ws: WebSocket, sessionId: string, lines: readonly Buffer[]): Promise<boolean> {
  const sendPart = (data: Buffer, fin: boolean) =>
    new Promise<void>((resolve, reject) =>
      ws.send(data, { binary: false, fin }, (error) => (error ? reject(error) : resolve())),
    );
  let pieces: Buffer[] = [];
  let size = 0;
  const push = (data: Buffer) => {
    pieces.push(data);
    size += data.length;
  };
  const flush = async (fin: boolean) => {
    const data = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, size);
    pieces = [];
    size = 0;
    await sendPart(data, fin);
  };
  push(Buffer.from(`{"type":"history","sessionId":${JSON.stringify(sessionId)},"exchanges":[`));
  try {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (i > 0) push(COMMA);
      if (line.length >= PIECE) {
        await flush(false);
        await sendPart(line, false);
        continue;
      }
      push(line);
      if (size >= PIECE) await flush(false);
    }
    push(END);
    await flush(true);
    return true;
  } catch {
    return false;
  }
}
