// access-token.not-id-token: an ID token (issued as id_token, or with a nonce, and not typed at+jwt) is not sent to an API as an access token (RFC 9068 §2.1; RFC 9700 §2.3).
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
          'An ID token is sent to the API as if it were an access token: it tells the client who signed in and is not typed at+jwt, so the API cannot take it for an access token (RFC 9068 §2.1).',
          [tEv],
        );
      else emit(f.id, 'pass', 'The bearer token is not an ID token.', [tEv]);
    }
  },
);
