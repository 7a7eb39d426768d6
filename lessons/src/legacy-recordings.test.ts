// The legacy recordings (scenario `legacy`) against the legacy track: each step from its own exchanges, and the findings seed 000's design earns.
import { describe, expect, it } from 'vitest';
import type { Analysis, CheckId, Exchange } from '@oauth-inspector/core';
import { recording as analysed } from './testing/recordings.ts';

/** A legacy recording and its analysis against the legacy track. */
async function recording(name: string): Promise<{ exchanges: Exchange[]; a: Analysis }> {
  const r = await analysed(name);
  return { exchanges: r.exchanges, a: r.legacy };
}

const statuses = (a: Analysis, checkId: CheckId) =>
  a.findings.filter((f) => f.checkId === checkId).map((f) => f.status);
const labelled = (a: Analysis, recognizer: string) =>
  a.labels.filter((l) => l.recognizer === recognizer).map((l) => l.exchangeId);
const seqOf = (exchanges: Exchange[], id: string) => exchanges.find((e) => e._id === id)!._seq;

describe('legacy recordings', () => {
  it('legacy-happy-path.har: all 16 steps are seen, each from exchanges of its own', async () => {
    const { exchanges, a } = await recording('legacy-happy-path');
    expect(a.steps.map((s) => [s.number, s.status, s.inferred])).toEqual(
      Array.from({ length: 16 }, (_, i) => [i + 1, 'seen', false]),
    );
    for (const step of a.steps) expect(step.exchangeIds.length, step.stepId).toBeGreaterThan(0);
    // Step 2 is the call without a token and the CORS preflight that came before it (seed 000, steps 1–2).
    const step2 = a.steps[1]!.exchangeIds.map((id) => exchanges.find((e) => e._id === id)!);
    expect(step2.map((e) => [e.request.method, e.response.status])).toEqual([
      ['OPTIONS', 204],
      ['GET', 401],
    ]);
  });

  it('legacy-happy-path.har: the checks of the legacy design fire on its traffic', async () => {
    const { a } = await recording('legacy-happy-path');
    expect(new Set(statuses(a, 'authz.implicit-legacy'))).toEqual(new Set(['warn'])); // RFC 9700 §2.1.2
    expect(new Set(statuses(a, 'tokens.not-in-url'))).toEqual(new Set(['warn'])); // RFC 9700 §4.3.2
    expect(new Set(statuses(a, 'nonce.present'))).toEqual(new Set(['pass'])); // OIDC Core §3.2.2.1
    expect(statuses(a, 'id-token.at-hash')).toEqual(['pass', 'pass']); // OIDC Core §3.2.2.9
    expect(new Set(statuses(a, 'introspection.auth'))).toEqual(new Set(['pass'])); // RFC 7662 §2.1
    // The dev-only http allowance shows as a warning on every implicit request (RFC 6749 §3.1.2.1).
    expect(statuses(a, 'implicit.redirect-uri-https')).toEqual(['warn', 'warn', 'warn']);
    const follows = a.findings.filter((f) => f.checkId === 'introspection.answer-follows-active'); // RFC 7662 §2.2
    expect(follows.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        'The introspection said active, and the API answered 200.',
        'The introspection said inactive, and the API answered 401.',
      ]),
    );
    expect(follows.every((f) => f.status === 'pass')).toBe(true);
    // oidc-provider leaves iss out when an ID token is in the response; nothing else fails.
    expect([...new Set(a.findings.filter((f) => f.status === 'fail').map((f) => f.checkId))]).toEqual([
      'iss.authorization-response',
    ]);
  });

  it('legacy-token-expiry.har: active: false, the API answers 401, then a new implicit login and data again', async () => {
    const { exchanges, a } = await recording('legacy-token-expiry');
    const [inactive] = labelled(a, 'introspection-inactive');
    expect(inactive).toBeDefined();
    const after = seqOf(exchanges, inactive!);
    const refused = exchanges.find((e) => e._seq < after && e.response.status === 401 && /\/api\//.test(e.request.url));
    expect(refused).toBeDefined();
    const relogin = labelled(a, 'implicit-authorization-response').filter((id) => seqOf(exchanges, id) > after);
    expect(relogin).toHaveLength(1);
    const served = labelled(a, 'api-success').filter((id) => seqOf(exchanges, id) > seqOf(exchanges, relogin[0]!));
    expect(served.length).toBeGreaterThan(0);
    expect(a.steps.find((s) => s.number === 16)?.status).toBe('seen');
  });

  it('legacy-wrong-introspection-secret.har: the AS answers 401, the API 500, and no login follows', async () => {
    const { exchanges, a } = await recording('legacy-wrong-introspection-secret');
    const [refusedId] = labelled(a, 'introspection-refused');
    const refused = exchanges.find((e) => e._id === refusedId)!;
    expect([refused._channel, refused.response.status]).toEqual(['back-channel', 401]);
    expect(labelled(a, 'api-5xx')).toHaveLength(1);
    expect(statuses(a, 'api.5xx-not-401')).toEqual(['pass']);
    const after = labelled(a, 'authorization-request').filter((id) => seqOf(exchanges, id) > refused._seq);
    expect(after).toEqual([]);
    expect(a.steps.find((s) => s.number === 13)?.status).toBe('seen');
  });

  it('legacy-invalid-scope.har: invalid_scope comes back in the fragment, is shown, and no login loop follows', async () => {
    const { exchanges, a } = await recording('legacy-invalid-scope');
    const [errorId] = labelled(a, 'implicit-authorization-error');
    const location = exchanges.find((e) => e._id === errorId)!.response.headers.find((h) => /^location$/i.test(h.name));
    expect(new URLSearchParams(new URL(location!.value).hash.slice(1)).get('error')).toBe('invalid_scope');
    expect(
      labelled(a, 'authorization-request').filter((id) => seqOf(exchanges, id) > seqOf(exchanges, errorId!)),
    ).toEqual([]);
    expect(statuses(a, 'flow.redirect-loop')).not.toContain('fail');
    expect(a.steps.find((s) => s.number === 8)?.status).toBe('seen');
  });
});
