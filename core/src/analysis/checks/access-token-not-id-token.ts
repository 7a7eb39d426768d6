// access-token.not-id-token: an ID token (audience the client, with a nonce) is not sent to an API as an access token (RFC 9068 §2.1; RFC 9700 §2.3).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { bearerCalls } from './api-units.ts';

export default defineCheck(
  {
    id: 'access-token.not-id-token',
    severity: 'must',
    title: 'ID token not used as an access token',
    spec: [rfc(9068, '2.1'), rfc(9700, '2.3')],
  },
  (env, emit) => {
    for (const { f, tEv, idToken } of bearerCalls(env)) {
      if (idToken)
        emit(
          f.id,
          'fail',
          'An ID token is sent to the API as if it were an access token; its audience is the client, not the API.',
          [tEv],
        );
      else emit(f.id, 'pass', 'The bearer token is not an ID token.', [tEv]);
    }
  },
);
