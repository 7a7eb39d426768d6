// The analyzer on a synthetic full code-flow session (all 20 lesson steps) and on the failure variants of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import type { Analysis, TrackDefinition, TrackStep } from './types.ts';
import type { CheckId, RecognizerId } from './ids.ts';
import { codeFlowSession, sessionKeys, type SessionFault, type SessionKeys } from '../testing/oauth-session.ts';

function step(
  number: number,
  title: string,
  recognizers: RecognizerId[],
  checks: CheckId[] = [],
  inferredFrom?: number,
): TrackStep {
  return {
    id: `code-flow/${String(number).padStart(2, '0')}`,
    number,
    title,
    recognizers,
    checks,
    ...(inferredFrom ? { inferredFrom: `code-flow/${String(inferredFrom).padStart(2, '0')}` } : {}),
  };
}

/** Our own track mirroring the 20 steps of the seed article (the real one lives in lessons/). */
const TRACK: TrackDefinition = {
  id: 'code-flow',
  title: 'Code flow',
  steps: [
    step(1, 'SPA downloads its configuration', ['app-config']),
    step(2, 'A login redirect is triggered', [], [], 3),
    step(3, 'SPA gets OpenID Connect metadata', ['discovery'], ['metadata.s256']),
    step(
      4,
      'SPA redirects to the authorization endpoint',
      ['authorization-request'],
      ['pkce.present', 'pkce.method-s256', 'state.present', 'redirect-uri.loopback-http'],
    ),
    step(5, 'User authenticates', ['login-page', 'login-submit'], ['login.framing']),
    step(6, 'A session is started', ['sso-cookie'], ['cookie.attributes']),
    step(
      7,
      'An authorization response is returned',
      ['authorization-response'],
      ['state.echoed', 'iss.authorization-response', 'tokens.not-in-url'],
    ),
    step(
      8,
      'SPA swaps code for tokens',
      ['token-authorization-code'],
      [
        'token.no-store',
        'token.type',
        'token.expires-in',
        'token.redirect-uri-matches',
        'token.client-id-matches',
        'token.cors',
        'code.single-use',
      ],
    ),
    step(9, 'PKCE is used', ['token-authorization-code'], ['pkce.s256-matches', 'pkce.downgrade']),
    step(10, 'Login errors are handled', ['authorization-error', 'authorization-error-page'], ['error.format']),
    step(11, 'Access token claims', [], ['access-token.jwt-profile', 'jwt.signature', 'jwt.alg'], 8),
    step(
      12,
      'ID token claims',
      [],
      ['id-token.iss', 'id-token.aud', 'id-token.times', 'nonce.matches', 'id-token.at-hash'],
      8,
    ),
    step(13, 'UI downloads user info', ['userinfo']),
    step(14, 'UI stores tokens', [], [], 13),
    step(
      15,
      'SPA calls API',
      ['cors-preflight', 'api-call'],
      ['cors.preflight', 'bearer.header', 'access-token.not-id-token'],
    ),
    step(16, 'API validates access token', ['jwks'], ['jwt.kid-resolves']),
    step(17, 'API error status codes', ['api-5xx'], ['api.5xx-not-401']),
    step(18, 'API uses claims for authorization', ['api-403']),
    step(19, 'API returns 401 on expiry', ['api-401'], ['api.401-challenge', 'jwt.format']),
    step(20, 'SPA handles expiry', ['sso-silent-login'], []),
  ],
};

let keys: SessionKeys;
beforeAll(async () => {
  keys = await sessionKeys();
});

async function run(faults: SessionFault[] = []): Promise<Analysis> {
  return analyze(await codeFlowSession({ faults, keys }), { track: TRACK });
}

function statuses(a: Analysis, checkId: CheckId): string[] {
  return a.findings.filter((f) => f.checkId === checkId).map((f) => f.status);
}

describe('a complete code-flow session', () => {
  it('shows every step of the lesson as seen (explained, for those without a message of their own); only the altered token fails, and its refusal passes', async () => {
    const a = await run();
    // The altered token is invalid wherever it appears; that the API refused it is a finding of its own, which passes.
    expect(a.findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual(['jwt.signature:x16']);
    expect(a.findings.filter((f) => f.checkId === 'api.invalid-token-refused').map((f) => [f.id, f.status])).toEqual([
      ['api.invalid-token-refused:x16', 'pass'],
    ]);
    expect(a.steps.map((s) => [s.number, s.status])).toEqual(
      TRACK.steps.map((s) => [s.number, s.inferredFrom ? 'explained' : 'seen']),
    );
    expect(a.steps.find((s) => s.number === 2)?.inferred).toBe(true);
  });

  it('labels each recognizer of the lesson at least once', async () => {
    const a = await run();
    const seen = new Set(a.labels.map((l) => l.recognizer));
    const lessonRecognizers = [
      ...['app-config', 'discovery', 'jwks', 'authorization-request', 'login-page', 'login-submit', 'sso-cookie'],
      ...['authorization-response', 'authorization-error', 'authorization-error-page', 'sso-silent-login'],
      ...['token-authorization-code', 'userinfo', 'cors-preflight'],
      ...['api-call', 'api-success', 'api-401', 'api-403', 'api-5xx'],
    ] as const;
    for (const id of lessonRecognizers) {
      expect(seen, id).toContain(id);
    }
  });

  it('keeps the first login and the silent re-login in two flows, each with its own state', async () => {
    const a = await run();
    const logins = a.flows.filter(
      (f) => f.kind === 'authorization-code' && f.state?.startsWith('state-') && !f.state.startsWith('state-err'),
    );
    expect(logins.map((f) => f.state)).toEqual(['state-1-abcdefgh', 'state-2-abcdefgh']);
    const silent = a.labels.filter((l) => l.recognizer === 'sso-silent-login');
    expect(silent.map((l) => l.flowId)).toEqual([logins[1]!.id]);
  });

  it('recomputes PKCE and lays out the computation', async () => {
    const a = await run();
    const pkce = a.findings.find((f) => f.checkId === 'pkce.s256-matches')!;
    expect(pkce.status).toBe('pass');
    expect(pkce.computed?.map((c) => c.label)).toEqual(['code_verifier', 'SHA-256 → base64url', 'code_challenge']);
    expect(pkce.computed?.[1]?.value).toBe(pkce.computed?.[2]?.value);
  });

  it('verifies the tokens against the key set the API downloaded, and names that exchange', async () => {
    const a = await run();
    const jwks = a.labels.find((l) => l.recognizer === 'jwks')!.exchangeId;
    const issued = a.tokens.filter(
      (t) => t.format === 'jwt' && t.sightings.some((s) => s.location.startsWith('response.body')),
    );
    expect(issued.length).toBe(4);
    for (const t of issued)
      expect(t.signature).toMatchObject({ status: 'verified', jwksExchangeId: jwks, kid: 'key-1' });
    const altered = a.tokens.find((t) => t.value.endsWith('xx'))!;
    expect(altered.signature?.status).not.toBe('verified');
  });

  it('explains claims and dates them relative to the capture time', async () => {
    const a = await run();
    const id = a.tokens.find((t) => t.kind === 'id-token')!;
    const exp = id.claims?.find((c) => c.name === 'exp');
    expect(exp?.meaning).toMatch(/expiry/);
    expect(exp?.time?.relativeSeconds).toBe(3600);
    expect(id.claims?.find((c) => c.name === 'nonce')?.meaning).toBeDefined();
  });
});

describe('failure sessions', () => {
  const cases: [SessionFault, CheckId, string][] = [
    ['state-mismatch', 'state.echoed', 'fail'],
    ['pkce-mismatch', 'pkce.s256-matches', 'fail'],
    ['wrong-nonce', 'nonce.matches', 'fail'],
    ['401-no-challenge', 'api.401-challenge', 'fail'],
    ['token-in-url', 'tokens.not-in-url', 'warn'],
    ['no-pkce', 'pkce.present', 'fail'],
    ['code-reuse', 'code.single-use', 'fail'],
    ['cached-token', 'token.no-store', 'fail'],
  ];
  it.each(cases)('%s yields %s = %s', async (fault, checkId, status) => {
    const a = await run([fault]);
    expect(statuses(a, checkId)).toContain(status);
  });

  it('marks the step that teaches a failed check as failed', async () => {
    const a = await run(['state-mismatch']);
    expect(a.steps.find((s) => s.number === 7)?.status).toBe('failed');
    expect(a.steps.find((s) => s.number === 4)?.status).toBe('seen');
  });

  it('flags a redirect loop', async () => {
    const { SessionWriter, AS, CLIENT_ID } = await import('../testing/oauth-session.ts');
    const w = new SessionWriter();
    for (let i = 0; i < 4; i++)
      w.add(
        {
          url: `${AS}/authorize?response_type=code&client_id=${CLIENT_ID}&state=s${i}abcdefgh`,
          status: 302,
          responseHeaders: { Location: '/login' },
        },
        500,
      );
    const a = await analyze(w.exchanges);
    expect(statuses(a, 'flow.redirect-loop')).toEqual(['fail']);
    expect(a.labels.filter((l) => l.recognizer === 'redirect-loop').length).toBe(4);
  });
});
