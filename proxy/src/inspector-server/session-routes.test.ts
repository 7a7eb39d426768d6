// The session picker's routes: token and Origin checked like the feed's, ids that could leave the folder refused.
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeLabel, importHar, SESSION_TOKEN_HEADER, type JournaledSession } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { createSession, type StoredSession } from '../session/session-store.ts';
import { startInspectorServer, type InspectorServer } from './inspector-server.ts';

let root: string;
let server: InspectorServer;
let earlier: StoredSession;
let live: StoredSession;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oi-session-routes-'));
  const dataDir = join(root, 'data');
  earlier = await createSession(dataDir, 'Yesterday');
  // #3 was still in flight when that proxy stopped: the journal has a gap, and the ids must keep it.
  const lines = [0, 1, 3].map((seq) =>
    JSON.stringify(anExchange({ id: `run-${seq}`, seq, url: `http://a.test/${seq}` })),
  );
  await appendFile(earlier.journalPath, `${lines.join('\n')}\n`);
  await new Promise((r) => setTimeout(r, 1100)); // ids sort by start second
  live = await createSession(dataDir, 'Now');
  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'dist', 'index.html'), '<!doctype html>');
  await writeFile(join(root, 'data', 'secret.jsonl'), 'not a session of this folder');
  server = await startInspectorServer({
    port: 0,
    distDir: join(root, 'dist'),
    recordingsDir: join(root, 'recordings'),
    token: 'run-token',
    source: { session: () => ({ id: live.id, name: live.name, startedDateTime: '' }), history: async () => [] },
    sessions: { dataDir, liveId: () => live.id },
  });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

/** GET `path` with the given headers (node:http, so Origin and Sec-Fetch-Site can be set as a browser would). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

const token = { [SESSION_TOKEN_HEADER]: 'run-token' };

/** A journaled session of `count` exchanges, each with a text body of `bodyBytes`. */
async function journaledSession(name: string, count: number, bodyBytes: number): Promise<StoredSession> {
  const session = await createSession(join(root, 'data'), name);
  const text = 'x'.repeat(bodyBytes);
  const lines = Array.from({ length: count }, (_, seq) =>
    JSON.stringify(
      anExchange({
        id: `${name}-${seq}`,
        seq,
        url: `http://a.test/${seq}`,
        responseBody: { mimeType: 'text/plain', text },
      }),
    ),
  );
  await appendFile(session.journalPath, `${lines.join('\n')}\n`);
  return session;
}

describe('session routes', () => {
  it('lists the journaled sessions newest first, with counts and which one is live', async () => {
    const res = await get('/api/sessions', { ...token, 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    const { sessions } = JSON.parse(res.body) as { sessions: JournaledSession[] };
    expect(sessions.map((s) => [s.id, s.name, s.exchanges, s.live])).toEqual([
      [live.id, 'Now', 0, true],
      [earlier.id, 'Yesterday', 3, false],
    ]);
  });

  it('serves a session as HAR whose exchanges keep their capture numbers', async () => {
    const res = await get(`/api/sessions/${earlier.id}.har`, {
      ...token,
      origin: `http://localhost:${server.port}`,
    });
    expect(res.status).toBe(200);
    const imported = importHar(res.body);
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.exchanges.map(exchangeLabel)).toEqual(['#1', '#2', '#4']);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    expect((await get('/api/sessions')).status).toBe(401);
    expect((await get(`/api/sessions/${earlier.id}.har`, { [SESSION_TOKEN_HEADER]: 'guess' })).status).toBe(401);
    // The feed's query-string token is not accepted here: a link or an <img> cannot carry a header.
    expect((await get(`/api/sessions?token=run-token`)).status).toBe(401);
  });

  it('refuses another origin or another site even with the token', async () => {
    expect((await get('/api/sessions', { ...token, origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/api/sessions/${earlier.id}.har`, { ...token, origin: 'null' })).status).toBe(403);
    expect((await get('/api/sessions', { ...token, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('refuses ids that could name a file outside the sessions folder, and 404s an unknown one', async () => {
    for (const path of ['/api/sessions/..%2Fsecret.har', '/api/sessions/..%5Csecret.har', '/api/sessions/a.b.har'])
      expect((await get(path, token)).status, path).toBe(400);
    expect((await get('/api/sessions/%2e%2e%2fsecret.har', token)).status).toBe(400);
    expect((await get(`/api/sessions/${earlier.id}`, token)).status).toBe(400);
    expect((await get('/api/sessions/20990101T000000-abcdef.har', token)).status).toBe(404);
  });

  it('answers HEAD without a body, and refuses a same-site page as it refuses a cross-site one', async () => {
    const head = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'HEAD',
          path: `/api/sessions/${earlier.id}.har`,
          headers: token,
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject).end();
    });
    expect(head).toEqual({ status: 200, body: '' });
    expect((await get('/api/sessions', { ...token, 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });

  it('lets go of the journal when the client leaves in the middle of a large session', async () => {
    const big = await journaledSession('Big', 1500, 20_000);
    const openOnJournal = async () => {
      const { readdir, readlink } = await import('node:fs/promises');
      const fds = await readdir('/proc/self/fd');
      const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
      return targets.filter((t) => t === big.journalPath).length;
    };
    await new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/sessions/${big.id}.har`, headers: token },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => undefined);
      req.on('close', () => resolve());
      req.end();
      setTimeout(() => reject(new Error('no first chunk')), 5000);
    });
    let open = await openOnJournal();
    for (let i = 0; i < 40 && open > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      open = await openOnJournal();
    }
    expect(open).toBe(0);
  });

  it('delivers a large session whole to a client that reads slowly', async () => {
    // Entries smaller than the export stream's buffer, so several wait in it at once.
    const slow = await journaledSession('Slow', 4000, 1_000);
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/sessions/${slow.id}.har`, headers: token },
        (res) => {
          const chunks: Buffer[] = [];
          // A reader that lags behind after every chunk keeps the server's writes waiting for a drain to the end.
          res.on('data', (c: Buffer) => {
            chunks.push(c);
            res.pause();
            setTimeout(() => res.resume(), 2);
          });
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        },
      );
      req.on('error', reject).end();
    });
    const imported = importHar(text);
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.exchanges).toHaveLength(4000);
  });
});
