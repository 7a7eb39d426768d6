// The generated recordings in lessons/recordings/ analysed against the lesson tracks: every step they should show, and the expected findings.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, CheckId, Exchange } from '@oauth-inspector/core';
import { TEST_USERS } from '@oauth-inspector/auth-server/users.ts';
import { loadTrack } from './load-track-node.ts';
import type { LessonTrack } from './parse-track.ts';
import {
  RECORDINGS_DIR as RECORDINGS,
  RECORDING_NAMES as NAMES,
  findings,
  recording,
  stepStatus,
  type Recording,
} from './testing/recordings.ts';

/** Recordings that end before the login page, so no password was ever captured. */
const NEVER_SIGNS_IN = ['invalid-scope', 'unknown-client', 'unregistered-redirect-uri'];

let codeFlowTrack: LessonTrack;

beforeAll(async () => {
  codeFlowTrack = await loadTrack('code-flow');
});

/** Capture position of the first exchange of a step (steps inside the browser have none). */
function firstSeq(r: Recording, a: Analysis, n: number): number {
  const step = a.steps.find((s) => s.number === n)!;
  const seqs = step.exchangeIds.map((id) => r.exchanges.find((e) => e._id === id)!._seq);
  return Math.min(...seqs);
}

/** Every way a value can be written in a HAR file: raw, percent-, form- and JSON-escaped, and inside base64. */
function writtenForms(value: string): string[] {
  return [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
    btoa(value),
  ];
}

describe('every recording is published redacted', () => {
  it.each(NAMES)(
    "%s.har holds no test user's password and not the API's introspection secret, and says what it redacted",
    async (name) => {
      const text = await readFile(`${RECORDINGS}${name}.har`, 'utf8');
      // Base64 bodies decoded too, so a password cannot hide in one.
      const entries = (JSON.parse(text) as { log: { entries: Exchange[] } }).log.entries;
      const decoded = entries
        .map((e) => (e.response.content.encoding === 'base64' ? atob(e.response.content.text ?? '') : ''))
        .join('\n');
      const secrets = [
        ...TEST_USERS.map((user) => user.password),
        'sample-api-secret',
        btoa('sample-api:sample-api-secret'),
        btoa('sample-api:sample-api-secret-wrong'),
      ];
      const found = secrets.filter((s) =>
        writtenForms(s).some((form) => text.includes(form) || decoded.includes(form)),
      );
      expect(found).toEqual([]);
      const log = (
        JSON.parse(text) as { log: { comment?: string; _redacted?: { redacted: { kind: string }[]; kept: string[] } } }
      ).log;
      // The login page lists every test user with their password; the recordings that end before it never reach it.
      expect(log.comment).toMatch(
        NEVER_SIGNS_IN.includes(name)
          ? /Redacted: nothing/
          : new RegExp(`Redacted: password \\(${TEST_USERS.length}\\)`),
      );
      expect(log._redacted?.kept).toEqual(expect.arrayContaining(['token', 'signature', 'code-verifier']));
      // A recording that signed in shows the placeholder where the password was typed, so the step still reads.
      if (!NEVER_SIGNS_IN.includes(name)) expect(text).toContain('password=REDACTED-password-1');
    },
  );

  it('the introspection recordings keep a Basic header whose user id is the API and whose password is a placeholder', async () => {
    for (const name of ['introspection', 'bad-introspection-secret', 'legacy-happy-path']) {
      const r = await recording(name);
      const basic = r.exchanges.flatMap((e) => e.request.headers).find((h) => /^basic /i.test(h.value))?.value ?? '';
      expect(atob(basic.replace(/^basic /i, '')), name).toBe('sample-api:REDACTED-client-secret-1');
    }
  });
});

describe('happy-path.har (sign in, call the API, expire the token, silent re-login)', () => {
  it('shows every code-flow step except the login-error step, with no failed step', async () => {
    const { codeFlow } = await recording('happy-path');
    const scenarioOnly = codeFlowTrack.steps.filter((s) => s.scenario && s.scenario !== 'default').map((s) => s.number);
    expect(scenarioOnly).toEqual([10]);
    for (const step of codeFlow.steps) {
      const expected = step.number === 10 ? 'not-seen' : step.inferred ? 'explained' : 'seen';
      expect([step.number, step.status]).toEqual([step.number, expected]);
    }
  });

  it('has no failing or warning check but the altered token, which fails wherever it appears while its refusal passes', async () => {
    const { codeFlow } = await recording('happy-path');
    const bad = codeFlow.findings.filter((f) => f.status === 'fail' || f.status === 'warn');
    expect(bad.map((f) => f.checkId)).toEqual(['jwt.signature']);
    const altered = bad[0]!.evidence[0]!.exchangeId;
    const refusal = findings(codeFlow, 'api.invalid-token-refused');
    expect(refusal.map((f) => [f.status, f.evidence[0]!.exchangeId])).toEqual([['pass', altered]]);
  });

  it('meets the message steps in the order of the lesson', async () => {
    const r = await recording('happy-path');
    const messageSteps = [1, 3, 4, 5, 6, 7, 8, 13, 15, 16, 19, 20];
    const firsts = messageSteps.map((n) => firstSeq(r, r.codeFlow, n));
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    // Steps 17 and 18 describe the API's answers, which only exist once the SPA has called it (step 15).
    expect(firstSeq(r, r.codeFlow, 17)).toBeGreaterThan(firstSeq(r, r.codeFlow, 15));
    expect(firstSeq(r, r.codeFlow, 18)).toBeGreaterThan(firstSeq(r, r.codeFlow, 15));
  });

  it('verifies PKCE, state, the issuer and the access token signature against the captured JWKS', async () => {
    const { codeFlow } = await recording('happy-path');
    for (const id of [
      'pkce.s256-matches',
      'state.echoed',
      'jwt.signature',
      'iss.authorization-response',
    ] as CheckId[]) {
      // The altered token (the expiry rehearsal) is the one signature that must not verify; see the test above.
      const found = findings(codeFlow, id).filter((f) => !(id === 'jwt.signature' && f.status === 'fail'));
      expect(found.length, id).toBeGreaterThan(0);
      expect(
        found.map((f) => f.status),
        id,
      ).toEqual(found.map(() => 'pass'));
    }
    // The API served only tokens that name it and had not expired (RFC 9068 §4), a finding apart from the token's own profile.
    const served = findings(codeFlow, 'api.access-token-validated');
    expect(served.length).toBeGreaterThan(0);
    expect(served.map((f) => f.status)).toEqual(served.map(() => 'pass'));
    const pkce = findings(codeFlow, 'pkce.s256-matches')[0]!;
    expect(pkce.computed?.length).toBeGreaterThan(0);
    const verifier = pkce.evidence.find((e) => /verifier/.test(e.label))?.value;
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
  });

  it('sees the expired token refused with a 401 challenge and exactly one silent re-login afterwards', async () => {
    const { codeFlow } = await recording('happy-path');
    expect(findings(codeFlow, 'api.401-challenge').map((f) => f.status)).toEqual(['pass']);
    expect(codeFlow.steps.find((s) => s.number === 20)!.exchangeIds).toHaveLength(1);
    expect(findings(codeFlow, 'flow.redirect-loop')).toEqual([]);
  });
});

describe('token-expiry.har (a token that really expired)', () => {
  it('shows steps 19 and 20: a genuine, well-signed token refused for its age, then one silent re-login', async () => {
    const r = await recording('token-expiry');
    expect(stepStatus(r.codeFlow, 19)).toBe('seen');
    expect(stepStatus(r.codeFlow, 20)).toBe('seen');
    const refused = r.exchanges.filter((e) => e.response.status === 401);
    expect(refused).toHaveLength(1);
    const challenge =
      refused[0]!.response.headers.find((h) => h.name.toLowerCase() === 'www-authenticate')?.value ?? '';
    expect(challenge).toMatch(/error="invalid_token"/);
    expect(challenge).toMatch(/exp/);
    // Unlike the spoiled token of happy-path, this one still verifies: only its age is wrong.
    const bearer = refused[0]!.request.headers
      .find((h) => h.name.toLowerCase() === 'authorization')!
      .value.replace(/^Bearer /, '');
    const token = r.codeFlow.tokens.find((t) => t.value === bearer)!;
    expect(token.signature?.status).toBe('verified');
    expect(findings(r.codeFlow, 'api.401-challenge').map((f) => f.status)).toEqual(['pass']);
    expect(findings(r.codeFlow, 'flow.redirect-loop')).toEqual([]);
    expect(r.codeFlow.findings.filter((f) => f.status === 'fail').map((f) => f.checkId)).toEqual([]);
  });
});

describe('wrong-audience.har (the API refuses every token)', () => {
  it('shows two refusals and exactly one re-login between them, and no redirect loop', async () => {
    const r = await recording('wrong-audience');
    const authorizations = r.exchanges.filter((e) => new URL(e.request.url).searchParams.has('response_type'));
    expect(authorizations).toHaveLength(2);
    const refusals = r.exchanges.filter(
      (e) => e.response.status === 401 && e.request.headers.some((h) => h.name.toLowerCase() === 'authorization'),
    );
    expect(refusals).toHaveLength(2);
    expect(stepStatus(r.codeFlow, 20)).toBe('seen');
    expect(findings(r.codeFlow, 'api.401-challenge').map((f) => f.status)).toEqual(['pass', 'pass']);
    expect(findings(r.codeFlow, 'flow.redirect-loop')).toEqual([]);
  });
});

describe('failure recordings', () => {
  it('invalid-scope.har: the login error is seen and its redirect carries error, description and state', async () => {
    const { codeFlow } = await recording('invalid-scope');
    expect(stepStatus(codeFlow, 10)).toBe('seen');
    expect(stepStatus(codeFlow, 8)).toBe('not-seen');
    const format = findings(codeFlow, 'error.format');
    expect(format.map((f) => f.status)).toContain('pass');
    expect(JSON.stringify(format.flatMap((f) => f.evidence))).toContain('invalid_scope');
  });

  it('bad-jwks-url.har: the API answers 500, not 401, and no re-login follows', async () => {
    const { codeFlow } = await recording('bad-jwks-url');
    expect(stepStatus(codeFlow, 17)).toBe('seen');
    expect(findings(codeFlow, 'api.5xx-not-401').map((f) => f.status)).toEqual(['pass']);
    expect(stepStatus(codeFlow, 19)).toBe('not-seen');
    expect(stepStatus(codeFlow, 20)).toBe('not-seen');
  });

  it('introspection.har: the legacy track finds the introspection request and the API answer it decides', async () => {
    const { legacy } = await recording('introspection');
    expect(stepStatus(legacy, 12)).toBe('seen');
    expect(stepStatus(legacy, 14)).toBe('seen');
    // The caller authenticates, and the API's 200 follows the introspection's active: true.
    expect(findings(legacy, 'introspection.auth').map((f) => f.status)).toEqual(['pass']);
    const outcome = findings(legacy, 'introspection.answer-follows-active');
    expect(outcome.map((f) => f.status)).toEqual(['pass']);
    expect(outcome[0]!.message).toBe('The introspection said active, and the API answered 200.');
  });

  it('bad-introspection-secret.har: the legacy track shows the wrong secret as a 500 with no login loop', async () => {
    const r = await recording('bad-introspection-secret');
    expect(stepStatus(r.legacy, 13)).toBe('seen');
    expect(findings(r.legacy, 'api.5xx-not-401').map((f) => f.status)).toEqual(['pass']);
    const introspection = r.exchanges.filter((e) => e.request.url.endsWith('/token/introspection'));
    expect(introspection.map((e) => [e._channel, e.response?.status])).toEqual([['back-channel', 401]]);
    expect(r.legacy.findings.filter((f) => f.checkId === 'flow.redirect-loop' && f.status === 'fail')).toEqual([]);
  });
});
