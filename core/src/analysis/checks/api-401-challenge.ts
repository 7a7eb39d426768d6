// api.401-challenge: a 401 carries WWW-Authenticate: Bearer, with error="invalid_token" when a token was presented (RFC 6750 §3, §3.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { BEARER_CHALLENGE, challengeEvidence, resourceRequests } from './api-units.ts';

export default defineCheck(
  {
    id: 'api.401-challenge',
    severity: 'must',
    title: '401 carries WWW-Authenticate: Bearer (invalid_token for a bad token)',
    spec: [rfc(6750, '3'), rfc(6750, '3.1')],
  },
  (env, emit) => {
    for (const f of resourceRequests(env)) {
      if (f.status !== 401) continue;
      const challenge = f.responseHeaders.get('www-authenticate');
      const ev = challengeEvidence(f, challenge);
      if (!challenge || !BEARER_CHALLENGE.test(challenge))
        emit(
          f.id,
          'fail',
          challenge
            ? `The 401 challenges with "${challenge}" instead of Bearer.`
            : 'The 401 carries no WWW-Authenticate header, so the client cannot tell why it was refused.',
          ev,
        );
      else if (f.bearer && !/error="?invalid_token/i.test(challenge))
        emit(f.id, 'warn', 'The 401 answers a presented token without error="invalid_token".', ev);
      else emit(f.id, 'pass', 'The 401 carries a Bearer challenge.', ev);
    }
  },
);
