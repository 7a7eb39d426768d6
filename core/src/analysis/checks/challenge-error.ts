// The shared rule of RFC 6750 §3.1 for a Bearer challenge on a status other than 401: it names the error that status stands for.
import type { CheckEnv } from '../check-env.ts';
import type { Emit } from './check.ts';
import { BEARER_CHALLENGE, challengeEvidence, resourceRequests } from './api-units.ts';

/**
 * Judges the Bearer challenges of `status` answers to a presented token. A response without a Bearer challenge (a 403
 * that is an access decision about the resource, not about the token) is not judged.
 */
export function judgeChallengeError(env: CheckEnv, emit: Emit, status: number, expected: string): void {
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
