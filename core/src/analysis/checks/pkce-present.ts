// pkce.present: a request for an authorization code sends a code_challenge (RFC 9700 §2.1.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';

export default defineCheck(
  { id: 'pkce.present', severity: 'must', title: 'PKCE code_challenge sent', spec: [rfc(9700, '2.1.1')] },
  (env, emit) => {
    for (const { f, p, at, responseType } of authorizationRequests(env)) {
      if (!responseType.includes('code'))
        emit(f.id, 'not-applicable', 'No authorization code is requested, so PKCE does not apply.', [
          at('response_type'),
        ]);
      else if (p.get('code_challenge') === undefined)
        emit(
          f.id,
          'fail',
          'The request asks for a code but sends no code_challenge: an intercepted code could be redeemed by someone else.',
          [at('response_type')],
        );
      else emit(f.id, 'pass', 'A code_challenge is sent with the request.', [at('code_challenge')]);
    }
  },
);
