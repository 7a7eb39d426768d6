// The session picker's routes: the journaled sessions and one session's HAR, behind the feed's token and Origin check.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { SESSION_TOKEN_HEADER, type JournaledSession } from '@oauth-inspector/core';
import { sameToken } from '../feed/feed-server.ts';
import { writeSessionHar } from '../session/session-export.ts';
import { getSession, listSessions, SessionNotFoundError } from '../session/session-store.ts';

export const SESSIONS_PATH = '/api/sessions';

export interface SessionRoutesOptions {
  /** Where sessions are journaled (the data directory). */
  dataDir: string;
  /** The id of the session the proxy is recording now. */
  liveId(): string;
  /** Resolves once the live session's journal holds everything recorded so far. */
  flushed?(): Promise<void>;
}

/** A session id as the store makes them: no separator, no dot, so it can never name a file outside the folder. */
const SESSION_ID = /^[A-Za-z0-9_-]{1,80}$/;

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${body}\n`);
}

/**
 * Why a request is refused: the token (a header, so a cross-site page cannot send it without a CORS preflight,
 * which this server never answers), then where it comes from. Browsers send Origin on every cross-origin fetch
 * and Sec-Fetch-Site on every request; same-origin GETs may omit Origin, so an absent one is not a refusal.
 */
function refusal(req: IncomingMessage, token: string, origins: ReadonlySet<string>): [number, string] | undefined {
  const given = String(req.headers[SESSION_TOKEN_HEADER] ?? '');
  if (!given || !sameToken(given, token)) return [401, 'The session list needs the token of this run.'];
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.has(origin.toLowerCase())) return [403, 'Not readable from another origin.'];
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return [403, 'Not readable from another site.'];
  return undefined;
}

async function list(res: ServerResponse, options: SessionRoutesOptions): Promise<void> {
  const live = options.liveId();
  const sessions: JournaledSession[] = (await listSessions(options.dataDir)).map((s) => ({
    id: s.id,
    name: s.name,
    startedDateTime: s.startedDateTime,
    exchanges: s.exchanges ?? 0,
    ...(s.bytes !== undefined ? { bytes: s.bytes } : {}),
    live: s.id === live,
  }));
  res
    .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify({ sessions: sessions.reverse() }));
}

/** Streams the session's HAR (core's export envelope, entries in capture order, `_seq` kept for the `#N` ids). */
const HAR_HEADERS = (id: string) => ({
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'content-disposition': `attachment; filename="${id}.har"`,
});

/** Streams the session's HAR (core's export envelope, entries in capture order, `_seq` kept for the `#N` ids). */
async function har(res: ServerResponse, id: string, options: SessionRoutesOptions, head: boolean): Promise<void> {
  if (head) {
    // HEAD says whether the session exists without reading its journal.
    const found = await getSession(options.dataDir, id).then(
      () => true,
      (error: unknown) => (error instanceof SessionNotFoundError ? false : Promise.reject(error)),
    );
    return found ? void res.writeHead(200, HAR_HEADERS(id)).end() : text(res, 404, 'No such session.');
  }
  if (id === options.liveId()) await options.flushed?.();
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (res.destroyed) return done(new Error('the client left'));
      if (!res.headersSent) res.writeHead(200, HAR_HEADERS(id));
      if (res.write(chunk)) done();
      else res.once('drain', () => done());
    },
  });
  // A client that leaves mid-file never drains: end the export so the journal's stream and buffers are let go.
  out.on('error', () => undefined); // the export's own rejection reports it
  res.once('close', () => {
    if (!res.writableFinished) out.destroy(new Error('the client left'));
  });
  try {
    await writeSessionHar(options.dataDir, id, out);
    // What `out` still buffers (the file's tail, under backpressure) must reach the response before it ends.
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    // Cut short mid-file (the journal vanished, the client left): the client must not take it for a whole HAR.
    if (res.headersSent || res.destroyed) return void res.destroy();
    if (!(error instanceof SessionNotFoundError)) throw error;
    return text(res, 404, 'No such session.');
  }
  res.end();
}

/** `/api/sessions` (the list, newest first) and `/api/sessions/<id>.har`; false when the path is not one of them. */
export async function serveSessions(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  guard: { token: string; origins: ReadonlySet<string> },
  options: SessionRoutesOptions | undefined,
): Promise<boolean> {
  if (pathname !== SESSIONS_PATH && !pathname.startsWith(`${SESSIONS_PATH}/`)) return false;
  const refused = refusal(req, guard.token, guard.origins);
  if (refused) return (text(res, ...refused), true);
  if (!options) return (text(res, 404, 'This inspector records no sessions.'), true);
  if (pathname === SESSIONS_PATH) return (await list(res, options), true);
  const file = pathname.slice(SESSIONS_PATH.length + 1);
  const id = file.endsWith('.har') ? file.slice(0, -'.har'.length) : '';
  if (!SESSION_ID.test(id)) return (text(res, 400, 'A session id is letters, digits, - and _ only.'), true);
  await har(res, id, options, req.method === 'HEAD');
  return true;
}
