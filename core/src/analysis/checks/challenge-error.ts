// The shared rule of RFC 6750 §3.1 for a Bearer challenge on a status other than 401: it names the error that status stands for.
import type { CheckEnv } from '../check-env.ts';
import { defineCheck, type Check, type Emit } from './check.ts';
import { rfc } from './spec-refs.ts';
import { BEARER_CHALLENGE, challengeEvidence, resourceRequests } from './api-units.ts';

/**
 * Judges the Bearer challenges of `status` answers to a presented token. A response without a Bearer challenge (a 403
 * that is an access decision about the resource, not about the token) is not judged.
 */
function judgeChallengeError(env: CheckEnv, emit: Emit, status: number, expected: string): void {
  for (const f of resourceRequests(env)) {
    const challenge = f.responseHeaders.get('www-authenticate');
    if (f.status !== status || !f.bearer || !challenge || !BEARER_CHALLENGE.test(challenge)) continue;
    const named = new RegExp(`error="?${expected}`, 'i').test(challenge);
    emit(
      f.id,
      named ? 'pass' : 'warn',
      named
        ? `The ${status} challenge says ${expected}.`
        : `A ${status} Bearer challenge should say error="${expected}".`,
      challengeEvidence(f, challenge),
    );
  }
}

/**
 * The check for one non-401 status and the error code RFC 6750 §3.1 gives it: 400 → invalid_request,
 * 403 → insufficient_scope. Each id still has its own file, which names its status and code.
 */
export function challengeErrorCheck(
  id: 'api.400-invalid-request' | 'api.403-insufficient-scope',
  status: 400 | 403,
  expected: string,
): Check {
  return defineCheck(
    { id, severity: 'should', title: `${status} Bearer challenge names ${expected}`, spec: [rfc(6750, '3.1')] },
    (env, emit) => judgeChallengeError(env, emit, status, expected),
  );
}
