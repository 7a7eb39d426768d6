// api.400-invalid-request: a 400 with a Bearer challenge names error="invalid_request" (RFC 6750 §3.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { judgeChallengeError } from './challenge-error.ts';

export default defineCheck(
  {
    id: 'api.400-invalid-request',
    severity: 'should',
    title: '400 Bearer challenge names invalid_request',
    spec: [rfc(6750, '3.1')],
  },
  (env, emit) => judgeChallengeError(env, emit, 400, 'invalid_request'),
);
