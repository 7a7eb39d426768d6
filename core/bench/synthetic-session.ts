// The benchmark's synthetic session: 10,000 exchanges of interleaved logins (40 in progress at once), each followed by API calls.
import { API, APP, AS, METADATA, SessionWriter, sessionKeys, writeLogin } from '../src/testing/oauth-session.ts';
import type { Exchange } from '../src/har.ts';

const TARGET = 10_000;
const API_CALLS_PER_LOGIN = 5;

export async function buildSession(): Promise<Exchange[]> {
  const keys = await sessionKeys();
  const head = new SessionWriter('h');
  head.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
  head.add({ url: `${AS}/jwks`, channel: 'back-channel', json: { keys: [keys.jwk] } });
  const flows: Exchange[][] = [];
  let total = head.exchanges.length;
  for (let n = 1; total < TARGET; n++) {
    const w = new SessionWriter(`f${n}-`);
    const { accessToken } = await writeLogin(w, keys, n);
    for (let i = 0; i < API_CALLS_PER_LOGIN; i++) {
      w.add({
        url: `${API}/api/items/${i}`,
        requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP },
        responseHeaders: { 'Access-Control-Allow-Origin': APP },
        json: { id: i, owner: 'alice', items: [1, 2, 3] },
      });
    }
    flows.push(w.exchanges);
    total += w.exchanges.length;
  }
  // Interleave: 40 logins in progress at any time, one message from each in turn.
  const out = [...head.exchanges];
  const active: Exchange[][] = [];
  let next = 0;
  while (out.length < TARGET && (next < flows.length || active.length > 0)) {
    while (active.length < 40 && next < flows.length) active.push([...flows[next++]!]);
    for (let i = 0; i < active.length && out.length < TARGET; i++) {
      out.push(active[i]!.shift()!);
      if (active[i]!.length === 0) active.splice(i--, 1);
    }
  }
  const base = Date.parse('2026-01-01T10:00:00.000Z');
  return out.map((e, seq) => ({ ...e, _seq: seq, startedDateTime: new Date(base + seq * 50).toISOString() }));
}
