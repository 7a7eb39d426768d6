// The check and recognizer tables are complete, and individual check families give the expected ids and statuses.
import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from './analyze.ts';
import { CHECK_BY_ID, CHECKS } from './check-catalogue.ts';
import { RECOGNIZERS } from './recognizers.ts';
import { CHECK_IDS, RECOGNIZER_IDS, type CheckId } from './ids.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { AS, API, APP, METADATA } from '../testing/oauth-session.ts';
import type { Analysis } from './types.ts';

const statuses = (a: Analysis, id: CheckId) => a.findings.filter((f) => f.checkId === id).map((f) => f.status);
const discovery = (seq = 0, extra: Record<string, unknown> = {}) =>
  anExchange({ seq, url: `${AS}/.well-known/openid-configuration`, json: { ...METADATA, ...extra } });

describe('tables', () => {
  it('lists every check id once, each with a spec reference', () => {
    expect(CHECKS.map((c) => c.id).sort()).toEqual([...CHECK_IDS].sort());
    for (const c of CHECKS) expect(c.spec.length, c.id).toBeGreaterThan(0);
  });
  it("points every RFC reference at the section its label names, and every OIDC Core one at that section's anchor", () => {
    // OIDC Core 1.0 anchors of the sections the catalogue cites.
    const OIDC: Record<string, string> = {
      '3.1.2.1': 'AuthRequest',
      '3.1.3.3': 'TokenResponse',
      '3.1.3.7': 'IDTokenValidation',
      '3.1.3.8': 'CodeFlowTokenValidation',
      '3.2.2.1': 'ImplicitAuthRequest',
      '3.2.2.9': 'ImplicitTokenValidation',
      '3.3.2.11': 'HybridIDToken',
      '5.3.1': 'UserInfoRequest',
      '5.3.2': 'UserInfoResponse',
      '10.1.1': 'RotateSigKeys',
      '12.2': 'RefreshTokenResponse',
    };
    for (const c of CHECKS)
      for (const { label, url } of c.spec) {
        const rfc = /^RFC (\d+) (?:§([\d.]+)|App\. ([A-Z]))$/.exec(label);
        if (rfc)
          expect(url, `${c.id} ${label}`).toBe(
            `https://www.rfc-editor.org/rfc/rfc${rfc[1]}#${rfc[2] ? `section-${rfc[2]}` : `appendix-${rfc[3]}`}`,
          );
        const oidc = /^OIDC Core §([\d.]+)$/.exec(label);
        if (oidc)
          expect(url, `${c.id} ${label}`).toBe(
            `https://openid.net/specs/openid-connect-core-1_0.html#${OIDC[oidc[1]!]}`,
          );
      }
  });
  it('gives every finding the catalogue record of the check that emitted it', async () => {
    const a = await analyze([
      discovery(),
      anExchange({
        seq: 1,
        url: `${API}/api/items/1`,
        requestHeaders: { Authorization: 'Bearer opaque-access-token-1234', Origin: APP },
        status: 403,
        responseHeaders: { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' },
        json: {},
      }),
      anExchange({
        seq: 2,
        url: `${API}/api/items/2`,
        requestHeaders: { Authorization: 'Bearer opaque-access-token-1234', Origin: APP },
        status: 401,
        responseHeaders: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
        json: {},
      }),
    ]);
    expect(a.findings.length).toBeGreaterThan(3);
    for (const f of a.findings) {
      const def = CHECK_BY_ID.get(f.checkId)!;
      expect({ id: f.id.split(':')[0], severity: f.severity, title: f.title, spec: f.spec }, f.id).toEqual({
        id: def.id,
        severity: def.severity,
        title: def.title,
        spec: def.spec,
      });
    }
  });
  it('lists every recognizer id once, in the order of ids.ts', () => {
    expect(RECOGNIZERS.map((r) => r.id)).toEqual([...RECOGNIZER_IDS]);
  });
});

describe('check families', () => {
  it('introspection without client authentication fails; with Basic it passes', async () => {
    const a = await analyze([
      discovery(),
      anExchange({ seq: 1, url: `${AS}/token/introspection`, form: { token: 'opaque-1' }, json: { active: true } }),
      anExchange({
        seq: 2,
        url: `${AS}/token/introspection`,
        requestHeaders: { Authorization: `Basic ${btoa('api:secret')}` },
        form: { token: 'opaque-1' },
        json: { active: false },
      }),
    ]);
    expect(a.labels.filter((l) => l.recognizer === 'introspection').length).toBe(2);
    expect(statuses(a, 'introspection.auth')).toEqual(['fail', 'pass']);
  });

  it('logout with and without id_token_hint', async () => {
    const a = await analyze([
      discovery(),
      anExchange({ seq: 1, url: `${AS}/session/end?id_token_hint=abc&post_logout_redirect_uri=${APP}` }),
      anExchange({ seq: 2, url: `${AS}/session/end` }),
    ]);
    expect(statuses(a, 'logout.id-token-hint')).toEqual(['pass', 'warn']);
  });

  it('a session cookie with SameSite=None and no Secure fails', async () => {
    const a = await analyze([
      discovery(),
      anExchange({
        seq: 1,
        url: `${AS}/login`,
        method: 'POST',
        form: { username: 'a', password: 'b' },
        status: 302,
        responseHeaders: [
          { name: 'Location', value: `${AS}/authorize/resume` },
          { name: 'Set-Cookie', value: '_session=x; SameSite=None; HttpOnly' },
        ],
      }),
    ]);
    expect(a.labels.map((l) => l.recognizer)).toEqual(expect.arrayContaining(['login-submit', 'sso-cookie']));
    expect(statuses(a, 'cookie.attributes')).toEqual(['fail']);
  });

  it('a client secret sent from a browser origin fails', async () => {
    const a = await analyze([
      discovery(),
      anExchange({
        seq: 1,
        url: `${AS}/token`,
        requestHeaders: { Origin: APP },
        form: { grant_type: 'client_credentials', client_id: 'c', client_secret: 's' },
        responseHeaders: { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': APP },
        json: { access_token: 'a', token_type: 'Bearer', expires_in: 60 },
      }),
    ]);
    expect(statuses(a, 'client-secret.not-in-browser')).toEqual(['fail']);
    expect(a.flows[0]?.kind).toBe('client-credentials');
  });

  it('a preflight that does not allow Authorization fails', async () => {
    const a = await analyze([
      anExchange({
        seq: 0,
        method: 'OPTIONS',
        url: 'https://api.test/x',
        requestHeaders: {
          Origin: APP,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
        status: 204,
        responseHeaders: { 'Access-Control-Allow-Origin': APP },
      }),
    ]);
    expect(statuses(a, 'cors.preflight')).toEqual(['fail']);
  });

  /** An API call from 10:00:01.000 to .050, and a failed key download captured after it, made at `downloadAt`. */
  const keysFailedDuringCall = (downloadAt: string, apiStatus: number) => [
    discovery(),
    anExchange({
      seq: 1,
      at: '2026-01-01T10:00:01.000Z',
      time: 50,
      url: 'https://api.test/x',
      requestHeaders: { Authorization: 'Bearer opaque' },
      status: apiStatus,
      responseHeaders: apiStatus === 401 ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : {},
    }),
    anExchange({
      seq: 2,
      at: downloadAt,
      time: 5,
      url: `${AS}/jwks`,
      channel: 'back-channel',
      status: 404,
    }),
  ];

  it('an API answering 401 while its own key download failed is told a 5xx was due, though the download is captured after it', async () => {
    const a = await analyze(keysFailedDuringCall('2026-01-01T10:00:01.020Z', 401));
    expect(a.links).toEqual([{ exchangeId: 'x2', servesExchangeId: 'x1' }]);
    const [finding] = a.findings.filter((f) => f.checkId === 'api.5xx-not-401');
    expect(finding).toMatchObject({
      status: 'fail',
      evidence: expect.arrayContaining([expect.objectContaining({ exchangeId: 'x2' })]),
    });
    expect(finding!.message).toMatch(/5xx was due/);
    expect(statuses(a, 'api.401-challenge')).toEqual(['pass']);
  });

  it('a live analyzer judges the 401 again when the failed download it made arrives after it', async () => {
    const [meta, call, download] = keysFailedDuringCall('2026-01-01T10:00:01.020Z', 401);
    const live = createAnalyzer();
    live.add(meta!);
    live.add(call!);
    expect(statuses(await live.result(), 'api.5xx-not-401')).toEqual([]);
    live.add(download!);
    const after = await live.result();
    expect(live.stats().appended).toBeGreaterThan(0);
    expect(statuses(after, 'api.5xx-not-401')).toEqual(['fail']);
    expect(after).toEqual(await analyze([meta!, call!, download!]));
  });

  it('an API answering 401 while its introspection request was refused is told a 5xx was due', async () => {
    const a = await analyze([
      discovery(),
      anExchange({
        seq: 1,
        at: '2026-01-01T10:00:01.000Z',
        time: 50,
        url: 'https://api.test/x',
        requestHeaders: { Authorization: 'Bearer opaque-token-0123456789' },
        status: 401,
        responseHeaders: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      }),
      anExchange({
        seq: 2,
        at: '2026-01-01T10:00:01.010Z',
        time: 5,
        url: `${AS}/token/introspection`,
        channel: 'back-channel',
        form: { token: 'opaque-token-0123456789' },
        status: 401,
        json: { error: 'invalid_client' },
      }),
    ]);
    expect(a.links).toEqual([{ exchangeId: 'x2', servesExchangeId: 'x1' }]);
    expect(statuses(a, 'api.5xx-not-401')).toEqual(['fail']);
    expect(a.findings.find((f) => f.checkId === 'api.5xx-not-401')!.message).toMatch(/introspection request/);
  });

  it('a key download that failed outside the API call does not blame its 401', async () => {
    const a = await analyze(keysFailedDuringCall('2026-01-01T10:00:01.200Z', 401));
    expect(a.links).toEqual([]);
    expect(statuses(a, 'api.5xx-not-401')).toEqual([]);
  });

  it('an API answering 500 while its key download failed reports its own failure, and passes', async () => {
    const a = await analyze(keysFailedDuringCall('2026-01-01T10:00:01.020Z', 500));
    expect(statuses(a, 'api.5xx-not-401')).toEqual(['pass']);
  });

  it('a token in the query string at an API fails bearer.header', async () => {
    const a = await analyze([anExchange({ seq: 0, url: 'https://api.test/x?access_token=abc' })]);
    expect(statuses(a, 'bearer.header')).toEqual(['fail']);
  });

  it('requires iss in the authorization response when the metadata promises it, and rejects a wrong one', async () => {
    const a = await analyze([
      discovery(),
      anExchange({
        seq: 1,
        url: `${AS}/authorize?response_type=code&client_id=c&state=abcdefghij&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`,
        status: 302,
        responseHeaders: { Location: `${APP}/cb?code=1&state=abcdefghij` },
      }),
      anExchange({
        seq: 2,
        url: `${AS}/authorize?response_type=code&client_id=c&state=bcdefghijk&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`,
        status: 302,
        responseHeaders: { Location: `${APP}/cb?code=2&state=bcdefghijk&iss=https%3A%2F%2Fevil.test` },
      }),
    ]);
    expect(statuses(a, 'iss.authorization-response')).toEqual(['fail', 'fail']);
    expect(a.flows.map((f) => f.state)).toEqual(['abcdefghij', 'bcdefghijk']);
  });

  it('an unregistered error code is an extension (RFC 6749 §8.5), not wrong; a forbidden character is', async () => {
    const withError = (query: string) =>
      analyze([
        anExchange({
          seq: 0,
          url: `${AS}/authorize?response_type=code&client_id=c&state=abcdefghij`,
          status: 302,
          responseHeaders: { Location: `${APP}/cb?${query}&state=abcdefghij` },
        }),
      ]);
    const extension = await withError('error=oops');
    expect(extension.labels.map((l) => l.recognizer)).toContain('authorization-error');
    expect(statuses(extension, 'error.format')).toEqual(['pass']);
    expect(extension.findings.find((f) => f.checkId === 'error.format')!.message).toMatch(/extension code/);
    expect(statuses(await withError('error=oops&error_description=%22quoted%22'), 'error.format')).toEqual(['warn']);
  });

  it('a refresh token reused successfully from a browser fails rotation', async () => {
    const refresh = (seq: number, rt: string, next: string) =>
      anExchange({
        seq,
        url: `${AS}/token`,
        requestHeaders: { Origin: APP },
        form: { grant_type: 'refresh_token', refresh_token: rt, client_id: 'c' },
        responseHeaders: { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': APP },
        json: { access_token: `a${seq}`, refresh_token: next, token_type: 'Bearer', expires_in: 60 },
      });
    const a = await analyze([discovery(), refresh(1, 'r1', 'r2'), refresh(2, 'r1', 'r3')]);
    expect(statuses(a, 'refresh-token.reuse-refused')).toEqual(['fail']);
    expect(statuses(a, 'refresh-token.browser')).not.toContain('fail');
    expect(a.labels.filter((l) => l.recognizer === 'token-refresh').length).toBe(2);
  });

  it('a refresh token reused and refused passes rotation (RFC 9700 §4.14.2)', async () => {
    const refused = anExchange({
      seq: 2,
      url: `${AS}/token`,
      requestHeaders: { Origin: APP },
      form: { grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'c' },
      status: 400,
      json: { error: 'invalid_grant' },
    });
    const first = anExchange({
      seq: 1,
      url: `${AS}/token`,
      requestHeaders: { Origin: APP },
      form: { grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'c' },
      responseHeaders: { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': APP },
      json: { access_token: 'a1', refresh_token: 'r2', token_type: 'Bearer', expires_in: 60 },
    });
    const a = await analyze([discovery(), first, refused]);
    expect(statuses(a, 'refresh-token.reuse-refused')).toEqual(['pass']);
    expect(a.findings.find((f) => f.checkId === 'refresh-token.reuse-refused')?.message).toContain('invalid_grant');
  });

  it('survives metadata whose endpoints are not URLs', async () => {
    const a = await analyze([
      anExchange({
        seq: 0,
        url: 'https://x.test/.well-known/openid-configuration',
        json: { issuer: 'a:b', authorization_endpoint: 'a:b', token_endpoint: 5, jwks_uri: 'mailto:x' },
      }),
    ]);
    expect(a.labels.map((l) => l.recognizer)).toEqual(['discovery']);
  });

  it('metadata without S256 fails metadata.s256', async () => {
    const a = await analyze([discovery(0, { code_challenge_methods_supported: ['plain'] })]);
    expect(statuses(a, 'metadata.s256')).toEqual(['fail']);
  });

  it('recognizes device code, client credentials and revocation', async () => {
    const a = await analyze([
      anExchange({
        seq: 0,
        url: 'https://as.test/device/code',
        form: { client_id: 'tv' },
        json: { device_code: 'dc', user_code: 'ABCD', verification_uri: 'https://as.test/device' },
      }),
      anExchange({
        seq: 1,
        url: 'https://as.test/token',
        form: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'dc', client_id: 'tv' },
        status: 400,
        json: { error: 'authorization_pending' },
      }),
      anExchange({ seq: 2, url: 'https://as.test/oauth/revoke', form: { token: 'abc' }, status: 200 }),
    ]);
    expect(a.labels.map((l) => [l.exchangeId, l.recognizer])).toEqual([
      ['x0', 'token-device-code'],
      ['x1', 'token-device-code'],
      ['x1', 'token-error'],
      ['x2', 'revocation'],
    ]);
    expect(a.flows.map((f) => [f.kind, f.exchangeIds])).toEqual([['device-code', ['x0', 'x1']]]);
  });

  it('names the prompt of an authorization request, and a prompt=none request as silent', async () => {
    const authorize = (seq: number, prompt?: string) =>
      anExchange({
        seq,
        url: `${AS}/authorize?response_type=code&client_id=spa&state=s${seq}-abcdefgh${prompt ? `&prompt=${prompt}` : ''}`,
        status: 303,
        responseHeaders: { Location: `${APP}/callback?error=login_required&state=s${seq}-abcdefgh` },
      });
    const a = await analyze([discovery(), authorize(1, 'none'), authorize(2, 'login'), authorize(3)]);
    const summaries = a.labels.filter((l) => l.recognizer === 'authorization-request').map((l) => l.summary);
    expect(summaries[0]).toContain('silent (prompt=none)');
    expect(summaries[1]).toContain('prompt=login');
    expect(summaries[2]).not.toContain('prompt');
  });

  it('warns when an API accepts a JWT access token whose audience names another origin (RFC 9068 §4)', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = { iss: AS, sub: 'alice', client_id: 'spa', exp: 4102444800 };
    const jwt = (aud: string) =>
      `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${b64({ ...claims, aud })}.c2lnbmF0dXJlLXZhbHVl`;
    const call = (seq: number, aud: string) =>
      anExchange({
        seq,
        url: `${API}/api/items`,
        requestHeaders: { Authorization: `Bearer ${jwt(aud)}`, Origin: APP },
        json: { items: [] },
      });
    const a = await analyze([
      discovery(),
      call(1, 'https://elsewhere.example/api'),
      call(2, `${API}/api`),
      call(3, 'urn:sample:api'),
    ]);
    const handled = a.findings.filter((f) => f.checkId === 'api.access-token-validated');
    expect(handled.map((f) => f.status)).toEqual(['warn', 'pass', 'pass']);
    expect(handled[0]!.message).toContain(`aud "https://elsewhere.example/api" does not name ${API}`);
    // The token itself follows the profile: how the API handled it is a finding of its own.
    expect(a.findings.filter((f) => f.checkId === 'access-token.jwt-profile').map((f) => f.status)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('checks auth_time against the max_age the request asked for (OIDC Core §3.1.2.1)', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const at = '2026-01-01T10:00:00.000Z';
    const now = Date.parse(at) / 1000;
    const login = async (n: number, authTime: number | undefined) => {
      const state = `state-${n}-abcdefgh`;
      const idToken = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: AS, aud: 'spa', sub: 'alice', exp: now + 3600, iat: now - 5, nonce: `n${n}`, ...(authTime !== undefined ? { auth_time: authTime } : {}) })}.c2lnbmF0dXJlLXZhbHVl`;
      return [
        anExchange({
          seq: n * 10,
          at,
          url: `${AS}/authorize?response_type=code&client_id=spa&state=${state}&nonce=n${n}&max_age=60&redirect_uri=${encodeURIComponent(`${APP}/cb`)}`,
          status: 303,
          responseHeaders: { Location: `${APP}/cb?code=c${n}&state=${state}` },
        }),
        anExchange({ seq: n * 10 + 1, at, url: `${APP}/cb?code=c${n}&state=${state}` }),
        anExchange({
          seq: n * 10 + 2,
          at,
          url: `${AS}/token`,
          form: { grant_type: 'authorization_code', code: `c${n}`, client_id: 'spa', redirect_uri: `${APP}/cb` },
          json: { access_token: 'opaque-access-token-1234', id_token: idToken, token_type: 'Bearer', expires_in: 300 },
        }),
      ];
    };
    const a = await analyze([
      discovery(),
      ...(await login(1, now - 30)),
      ...(await login(2, now - 7200)),
      ...(await login(3, undefined)),
    ]);
    const times = a.findings.filter((f) => f.checkId === 'id-token.times');
    expect(times.map((f) => f.status)).toEqual(['pass', 'fail', 'fail']);
    expect(times[1]!.message).toContain('longer ago than the max_age=60');
    expect(times[2]!.message).toContain('no auth_time');
  });

  it('expects insufficient_scope in a 403 Bearer challenge and invalid_request in a 400 one, and leaves a bare 403 alone', async () => {
    const call = (seq: number, status: number, challenge?: string) =>
      anExchange({
        seq,
        url: `${API}/api/items/${seq}`,
        requestHeaders: { Authorization: 'Bearer opaque-access-token-1234', Origin: APP },
        status,
        ...(challenge ? { responseHeaders: { 'WWW-Authenticate': challenge } } : {}),
        json: {},
      });
    const a = await analyze([
      discovery(),
      call(1, 403, 'Bearer error="insufficient_scope", scope="items:write"'),
      call(2, 403, 'Bearer error="invalid_token"'),
      call(3, 400, 'Bearer error="invalid_request"'),
      call(4, 403),
    ]);
    const challengeChecks: CheckId[] = ['api.401-challenge', 'api.403-insufficient-scope', 'api.400-invalid-request'];
    const byExchange = (id: string) =>
      a.findings
        .filter((f) => challengeChecks.includes(f.checkId) && f.id.endsWith(`:${id}`))
        .map((f) => [f.checkId, f.status]);
    expect(byExchange('x1')).toEqual([['api.403-insufficient-scope', 'pass']]);
    expect(byExchange('x2')).toEqual([['api.403-insufficient-scope', 'warn']]);
    expect(byExchange('x3')).toEqual([['api.400-invalid-request', 'pass']]);
    expect(byExchange('x4')).toEqual([]);
  });

  it("judges an API's answer by the active flag of the introspection it made meanwhile (RFC 7662 §2.2)", async () => {
    const t0 = Date.parse('2026-01-01T10:00:00.000Z');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const call = (seq: number, token: string, status: number) => {
      const e = anExchange({
        seq,
        at: at(seq * 1000),
        url: `${API}/api/items`,
        requestHeaders: { Authorization: `Bearer ${token}`, Origin: APP },
        status,
        json: {},
      });
      return { ...e, time: 200 };
    };
    const introspect = (seq: number, token: string, active: boolean) =>
      anExchange({
        seq,
        at: at((seq - 1) * 1000 + 50),
        url: `${AS}/token/introspection`,
        channel: 'back-channel',
        requestHeaders: { Authorization: `Basic ${btoa('api:secret')}` },
        form: { token },
        json: { active },
      });
    const a = await analyze([
      discovery(),
      call(1, 'opaque-live-token-1111', 200),
      introspect(2, 'opaque-live-token-1111', true),
      call(3, 'opaque-dead-token-2222', 200),
      introspect(4, 'opaque-dead-token-2222', false),
      call(5, 'opaque-dead-token-3333', 401),
      introspect(6, 'opaque-dead-token-3333', false),
    ]);
    const outcome = (id: string) =>
      a.findings
        .filter((f) => f.id.endsWith(`:${id}`) && f.checkId.startsWith('introspection.'))
        .map((f) => [f.checkId, f.status]);
    expect(outcome('x1')).toEqual([['introspection.answer-follows-active', 'pass']]);
    expect(outcome('x3')).toEqual([['introspection.answer-follows-active', 'fail']]);
    expect(outcome('x5')).toEqual([['introspection.answer-follows-active', 'pass']]);
    // The introspection calls themselves are judged by the caller-authentication rule alone.
    expect(['x2', 'x4', 'x6'].map(outcome)).toEqual([
      [['introspection.auth', 'pass']],
      [['introspection.auth', 'pass']],
      [['introspection.auth', 'pass']],
    ]);
  });
});
