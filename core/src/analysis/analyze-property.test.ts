// Property tests: analyze never throws on arbitrary HAR-shaped input, junk where JWTs belong, or truncated JSON bodies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from './analyze.ts';
import { importHar } from '../har-import.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { codeFlowSession, sessionKeys } from '../testing/oauth-session.ts';
import type { Exchange } from '../har.ts';

const nameValue = fc.record({
  name: fc.oneof(
    fc.constantFrom(
      'Authorization',
      'Location',
      'Set-Cookie',
      'Content-Type',
      'Origin',
      'WWW-Authenticate',
      'Cache-Control',
    ),
    fc.string(),
  ),
  value: fc.oneof(fc.string(), fc.constant(null), fc.integer()),
});
const looseEntry = fc.record(
  {
    startedDateTime: fc.oneof(fc.constant('2026-01-01T00:00:00Z'), fc.string(), fc.constant(null)),
    request: fc.oneof(
      fc.constant(null),
      fc.record(
        {
          method: fc.oneof(fc.constantFrom('GET', 'POST', 'OPTIONS'), fc.string()),
          url: fc.oneof(
            fc.webUrl({ withQueryParameters: true, withFragments: true }),
            fc.string(),
            fc.constantFrom(
              'https://as.test/authorize?response_type=code&client_id=c&state=s',
              'https://as.test/token',
              'https://app.test/cb?code=c&state=s',
            ),
          ),
          headers: fc.oneof(fc.array(nameValue, { maxLength: 4 }), fc.constant(null)),
          postData: fc.oneof(
            fc.constant(null),
            fc.record({
              mimeType: fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain'),
              text: fc.oneof(fc.string(), fc.constant('grant_type=authorization_code&code=c&code_verifier=v')),
              _encoding: fc.constantFrom(undefined, 'base64'),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    response: fc.oneof(
      fc.constant(null),
      fc.record(
        {
          status: fc.oneof(fc.integer({ min: -1, max: 600 }), fc.string()),
          headers: fc.array(nameValue, { maxLength: 4 }),
          content: fc.oneof(
            fc.constant(null),
            fc.record({
              mimeType: fc.constantFrom('application/json', 'text/html', ''),
              text: fc.oneof(fc.string(), fc.json()),
              encoding: fc.constantFrom(undefined, 'base64'),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

describe('analyze on hostile input', () => {
  it('never throws on arbitrary HAR-shaped files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(looseEntry, { maxLength: 8 }), async (entries) => {
        const r = importHar(JSON.stringify({ log: { entries } }));
        expect(r.ok).toBe(true);
        if (r.ok) await analyze(r.exchanges);
      }),
      { numRuns: 150 },
    );
  });

  it('survives a relative Location on a request URL that cannot be a base (found by fuzzing)', async () => {
    const r = importHar(
      JSON.stringify({
        log: { entries: [{ request: { url: 'A:' }, response: { headers: [{ name: 'Location', value: 0 }] } }] },
      }),
    );
    if (!r.ok) throw new Error(r.message);
    await expect(analyze(r.exchanges)).resolves.toMatchObject({ labels: [{ recognizer: 'other' }] });
  });

  it('never throws on arbitrary strings where tokens are expected', async () => {
    const jwtish = fc.oneof(
      fc.string(),
      fc.tuple(fc.base64String(), fc.base64String(), fc.string()).map((p) => p.join('.')),
      fc.string().map((s) => `eyJ${s}`),
      fc.constant('eyJhbGciOiJub25lIn0..'),
      fc.constant('eyJhbGciOiJSUzI1NiJ9.e30.%%%'),
    );
    await fc.assert(
      fc.asyncProperty(jwtish, jwtish, jwtish, async (a, b, c) => {
        const exchanges = [
          anExchange({
            seq: 0,
            url: 'https://as.test/token',
            form: { grant_type: 'authorization_code', code: a },
            json: { access_token: a, id_token: b, refresh_token: c, token_type: 'Bearer' },
          }),
          anExchange({
            seq: 1,
            url: 'https://api.test/x',
            requestHeaders: { Authorization: `Bearer ${b}` },
            status: 401,
          }),
          anExchange({ seq: 2, url: `https://app.test/cb#id_token=${encodeURIComponent(c)}&state=s` }),
          anExchange({ seq: 3, url: 'https://as.test/jwks', json: { keys: [{ kty: 'RSA', kid: a, n: b, e: c }] } }),
        ];
        const result = await analyze(exchanges);
        expect(result.tokens.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on truncated or garbled JSON bodies of a real session', async () => {
    const session = await codeFlowSession({ keys: await sessionKeys() });
    await fc.assert(
      fc.asyncProperty(
        fc.nat(session.length - 1),
        fc.nat(2000),
        fc.string({ maxLength: 5 }),
        async (index, cut, junk) => {
          const copy: Exchange[] = structuredClone(session);
          const target = copy[index]!;
          const text = target.response.content.text ?? '';
          target.response.content.text = text.slice(0, cut % (text.length + 1)) + junk;
          await analyze(copy);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('incremental analysis', () => {
  it('gives the same answer as analyze() when exchanges arrive out of order and pending versions are replaced', async () => {
    const session = await codeFlowSession({ keys: await sessionKeys() });
    const full = await analyze(session);
    const live = createAnalyzer();
    for (const e of [...session].reverse()) {
      live.add({
        ...e,
        _state: 'pending',
        response: { ...e.response, status: 0, headers: [], content: { size: 0, mimeType: '' } },
      });
      await live.result();
    }
    for (const e of session) live.add(e);
    expect(await live.result()).toEqual(full);
  });

  it('folds appended exchanges in place and matches analyze() after every one of them', async () => {
    const {
      SessionWriter,
      sessionKeys: keysFor,
      writeLogin,
      API,
      APP,
      AS,
      METADATA,
    } = await import('../testing/oauth-session.ts');
    const keys = await keysFor();
    const w = new SessionWriter();
    w.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
    w.add({ url: `${AS}/jwks`, channel: 'back-channel', json: { keys: [keys.jwk] } });
    const first = await writeLogin(w, keys, 1);
    w.add({ url: `${API}/a`, requestHeaders: { Authorization: `Bearer ${first.accessToken}`, Origin: APP }, json: {} });
    const second = await writeLogin(w, keys, 2, { silent: true, faults: ['code-reuse'] });
    for (const token of [first.accessToken, second.accessToken, first.idToken, `${first.accessToken}zz`]) {
      w.add({
        url: `${API}/b`,
        requestHeaders: { Authorization: `Bearer ${token}`, Origin: APP },
        status: token.endsWith('zz') ? 401 : 200,
        json: {},
      });
    }
    w.add({
      method: 'POST',
      url: `${AS}/token/introspection`,
      form: { token: second.accessToken },
      json: { active: true },
    });
    w.add({ url: `${AS}/session/end?id_token_hint=${first.idToken}` });
    const live = createAnalyzer();
    const handedOut: [Awaited<ReturnType<typeof analyze>>, string][] = [];
    for (let i = 0; i < w.exchanges.length; i++) {
      live.add(w.exchanges[i]!);
      const result = await live.result();
      expect(result, `after ${i + 1} exchanges`).toEqual(await analyze(w.exchanges.slice(0, i + 1)));
      handedOut.push([result, JSON.stringify(result)]);
    }
    // Results already handed out (to a UI, say) never change under later appends.
    for (const [result, json] of handedOut) expect(JSON.stringify(result)).toBe(json);
  });

  it('is deterministic', async () => {
    const session = await codeFlowSession({ keys: await sessionKeys() });
    expect(JSON.stringify(await analyze(session))).toBe(JSON.stringify(await analyze(session)));
  });
});
