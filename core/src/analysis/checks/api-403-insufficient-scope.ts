// api.403-insufficient-scope: a 403 with a Bearer challenge names error="insufficient_scope" (RFC 6750 §3.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { judgeChallengeError } from './challenge-error.ts';

export default defineCheck(
  {
    id: 'api.403-insufficient-scope',
    severity: 'should',
    title: '403 Bearer challenge names insufficient_scope',
    spec: [rfc(6750, '3.1')],
  },
  (env, emit) => judgeChallengeError(env, emit, 403, 'insufficient_scope'),
);
