// Live capture: exchanges arrive pending and complete later, interleaved; the incremental analyzer must match analyze() throughout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyze.ts';
import type { Exchange } from '../har.ts';
import {
  API,
  APP,
  codeFlowSession,
  sessionKeys,
  SessionWriter,
  writeLogin,
  AS,
  METADATA,
} from '../testing/oauth-session.ts';

/** The reference: every exchange folded in bulk, none of the incremental paths (tail folding, appends, rollbacks). */
async function inBulk(exchanges: readonly Exchange[]) {
  const analyzer = createAnalyzer({ bulkOnly: true });
  for (const e of exchanges) analyzer.add(e);
  return analyzer.result();
}

/** The version of an exchange a proxy sends when the request has gone out and no response has come back yet. */
function pending(e: Exchange): Exchange {
  return {
    ...e,
    _state: 'pending',
    response: {
      ...e.response,
      status: 0,
      statusText: '',
      headers: [],
      content: { size: 0, mimeType: '' },
      redirectURL: '',
    },
  };
}

describe('incremental analysis of live traffic', () => {
  it('matches analyze() after every pending and every completed version, with requests overlapping', async () => {
    const session = await codeFlowSession({ keys: await sessionKeys() });
    const live = createAnalyzer();
    const current = new Map<string, Exchange>();
    const handedOut: [unknown, string][] = [];
    const send = async (e: Exchange) => {
      current.set(String(e._id), e);
      live.add(e);
      const result = await live.result();
      expect(result, `after ${String(e._id)} (${e._state})`).toEqual(await inBulk([...current.values()]));
      handedOut.push([result, JSON.stringify(result)]);
    };
    // Up to three requests are in flight at once: each completes after the next two have started.
    for (let i = 0; i < session.length + 2; i++) {
      if (i < session.length) await send(pending(session[i]!));
      if (i >= 2) await send(session[i - 2]!);
    }
    const stats = live.stats();
    expect(stats.rolledBack).toBeGreaterThan(0);
    expect(stats.rebuilds).toBeLessThan(session.length);
    // Results already handed out never change when the fold is rolled back and redone.
    for (const [result, json] of handedOut) expect(JSON.stringify(result)).toBe(json);
  });

  it('matches analyze() for any order of completions of two interleaved logins', async () => {
    const keys = await sessionKeys();
    const a = new SessionWriter('a');
    const b = new SessionWriter('b');
    a.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
    a.add({ url: `${AS}/jwks`, channel: 'back-channel', json: { keys: [keys.jwk] } });
    const tokensA = await writeLogin(a, keys, 1);
    const tokensB = await writeLogin(b, keys, 2, { faults: ['code-reuse'] });
    a.add({
      url: `${API}/x`,
      requestHeaders: { Authorization: `Bearer ${tokensA.accessToken}`, Origin: APP },
      json: {},
    });
    b.add({
      url: `${API}/y`,
      requestHeaders: { Authorization: `Bearer ${tokensB.accessToken}`, Origin: APP },
      status: 401,
      json: {},
    });
    const merged: Exchange[] = [];
    for (let i = 0; i < Math.max(a.exchanges.length, b.exchanges.length); i++)
      for (const w of [a, b]) if (w.exchanges[i]) merged.push(w.exchanges[i]!);
    const session = merged.map((e, seq) => ({ ...e, _seq: seq }));
    // Each exchange completes some time after its request went out; the delays decide the order of events.
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: session.length, maxLength: session.length }),
        async (delays) => {
          const events = session.flatMap((e, i) => [
            { at: i, order: 0, e: pending(e) },
            { at: i + delays[i]!, order: 1, e },
          ]);
          events.sort((x, y) => x.at - y.at || x.order - y.order);
          const live = createAnalyzer();
          const current = new Map<string, Exchange>();
          for (const { e } of events) {
            current.set(String(e._id), e);
            live.add(e);
            expect(await live.result()).toEqual(await inBulk([...current.values()]));
          }
        },
      ),
      { numRuns: 6 },
    );
  });

  it('completes a pending API call on a long session without rebuilding', async () => {
    const keys = await sessionKeys();
    const w = new SessionWriter();
    w.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
    w.add({ url: `${AS}/jwks`, channel: 'back-channel', json: { keys: [keys.jwk] } });
    const { accessToken } = await writeLogin(w, keys, 1);
    for (let i = 0; i < 30; i++)
      w.add({
        url: `${API}/items/${i}`,
        requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP },
        json: { i },
      });
    const call = w.add({
      url: `${API}/items/last`,
      requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP },
      status: 401,
      responseHeaders: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      json: {},
    });
    const after = w.add({
      url: `${API}/items/after`,
      requestHeaders: { Authorization: `Bearer ${accessToken}`, Origin: APP },
      json: {},
    });
    const before = w.exchanges.slice(0, -2);

    const live = createAnalyzer();
    for (const e of before) live.add(e);
    await live.result();
    live.add(pending(call));
    await live.result();
    live.add(pending(after));
    await live.result();
    const rebuilds = live.stats().rebuilds;
    live.add(call);
    const result = await live.result();

    expect(live.stats().rebuilds).toBe(rebuilds);
    expect(live.stats().rolledBack).toBe(2);
    expect(result).toEqual(await inBulk([...before, call, pending(after)]));
    expect(result.findings.find((f) => f.id === `api.401-challenge:${String(call._id)}`)?.status).toBe('pass');
  });

  it('rebuilds when the completed version changes what is shared (a pending discovery request that turns out to be metadata)', async () => {
    const keys = await sessionKeys();
    const w = new SessionWriter();
    await writeLogin(w, keys, 1);
    const discovery = w.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
    const live = createAnalyzer();
    for (const e of w.exchanges.slice(0, -1)) live.add(e);
    await live.result();
    live.add(pending(discovery));
    await live.result();
    const rebuilds = live.stats().rebuilds;
    live.add(discovery);
    expect(await live.result()).toEqual(await inBulk(w.exchanges));
    expect(live.stats().rebuilds).toBe(rebuilds + 1);
  });

  it('matches the bulk analysis when one result folds several exchanges and the first of them relabels an earlier one', async () => {
    const w = new SessionWriter();
    w.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
    const state = 'state-9-abcdefgh';
    const callback = `${APP}/callback?code=code-9&state=${state}&iss=${encodeURIComponent(AS)}`;
    w.add({
      url: `${AS}/authorize?response_type=code&client_id=spa&state=${state}`,
      status: 303,
      responseHeaders: { Location: '/interaction/i9' },
    });
    // The interaction finishes without a login page: the code comes back, which makes the authorization request a
    // silent (SSO) login, a label on an exchange already folded.
    w.add({ url: `${AS}/interaction/i9`, status: 303, responseHeaders: { Location: callback } });
    w.add({
      url: callback,
      responseHeaders: { 'Content-Type': 'text/html' },
      responseBody: { mimeType: 'text/html', text: '<html>app</html>' },
    });
    w.add({ url: `${APP}/app.js`, responseBody: { mimeType: 'application/javascript', text: 'void 0' } });
    const live = createAnalyzer();
    for (const e of w.exchanges.slice(0, 2)) live.add(e);
    await live.result();
    for (const e of w.exchanges.slice(2)) live.add(e);
    const result = await live.result();
    expect(live.stats().appended).toBe(3);
    expect(result.labels.filter((l) => l.recognizer === 'sso-silent-login')).toHaveLength(1);
    expect(result).toEqual(await inBulk(w.exchanges));
  });

  it('keeps what is added while a result is being computed, for the next result', async () => {
    const session = await codeFlowSession({ keys: await sessionKeys() });
    // A token response: folding it waits for WebCrypto to verify its new JWTs, which leaves time for more to arrive.
    const k = session.findIndex((e, i) => i > session.length / 2 && /id_token/.test(e.response.content.text ?? ''));
    const live = createAnalyzer();
    for (const e of session.slice(0, k)) live.add(e);
    await live.result();
    live.add(pending(session[k]!));
    const running = live.result();
    // Right away, before that result has started: the completed version of the exchange it is about to fold.
    live.add(session[k]!);
    // Then while it waits for the signature checks: a new exchange.
    await new Promise((resolve) => setImmediate(resolve));
    live.add(session[k + 1]!);
    await running;
    expect(await live.result()).toEqual(await inBulk(session.slice(0, k + 2)));
  });

  it('keeps two interleaved logins at one authorization server apart, login pages included', async () => {
    const keys = await sessionKeys();
    const a = new SessionWriter('a');
    const b = new SessionWriter('b');
    a.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
    await writeLogin(a, keys, 1);
    await writeLogin(b, keys, 2);
    // Both authorization requests go out before either login page is shown: the newest open flow is the wrong guess.
    const merged: Exchange[] = [a.exchanges[0]!];
    for (let i = 0; i < Math.max(a.exchanges.length, b.exchanges.length); i++)
      for (const w of [a, b]) if (w.exchanges[i + (w === a ? 1 : 0)]) merged.push(w.exchanges[i + (w === a ? 1 : 0)]!);
    const session = merged.map((e, seq) => ({ ...e, _seq: seq }));
    const analysis = await inBulk(session);
    const pathsOf = (state: string) => {
      const flow = analysis.flows.find((f) => f.state === state)!;
      return flow.exchangeIds.map((id) => new URL(session.find((e) => e._id === id)!.request.url).pathname);
    };
    expect(pathsOf('state-1-abcdefgh')).toEqual(expect.arrayContaining(['/interaction/i1', '/interaction/i1/login']));
    expect(pathsOf('state-1-abcdefgh')).not.toContain('/interaction/i2');
    expect(pathsOf('state-2-abcdefgh')).toEqual(expect.arrayContaining(['/interaction/i2', '/interaction/i2/login']));
    expect(pathsOf('state-2-abcdefgh')).not.toContain('/interaction/i1/login');
  });

  it('matches the bulk analysis when an API call is judged by an introspection that arrives after it', async () => {
    const w = new SessionWriter();
    w.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
    const call = w.add({
      url: `${API}/api/items`,
      requestHeaders: { Authorization: 'Bearer opaque-dead-token-2222', Origin: APP },
      json: {},
    });
    const introspection = w.add({
      url: `${AS}/token/introspection`,
      channel: 'back-channel',
      requestHeaders: { Authorization: `Basic ${btoa('api:secret')}` },
      form: { token: 'opaque-dead-token-2222' },
      json: { active: false },
    });
    // The call is answered after the introspection it made, and its record covers that time.
    const answered = {
      ...call,
      time: Date.parse(introspection.startedDateTime) - Date.parse(call.startedDateTime) + 50,
    };
    const live = createAnalyzer();
    const current = new Map<string, Exchange>();
    for (const e of [w.exchanges[0]!, pending(call), pending(introspection), introspection, answered]) {
      current.set(String(e._id), e);
      live.add(e);
      expect(await live.result()).toEqual(await inBulk([...current.values()]));
    }
    const final = await live.result();
    expect(final.findings.find((f) => f.id === `introspection.answer-follows-active:${String(call._id)}`)?.status).toBe(
      'fail',
    );
  });
});
