// authz.implicit-legacy: no access token straight from the authorization endpoint; the implicit grant is legacy (RFC 9700 §2.1.2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';

export default defineCheck(
  {
    id: 'authz.implicit-legacy',
    severity: 'should',
    title: 'No tokens straight from the authorization endpoint (implicit is legacy)',
    spec: [rfc(9700, '2.1.2')],
  },
  (env, emit) => {
    for (const { f, at, responseType: rt } of authorizationRequests(env)) {
      if (rt.includes('token'))
        emit(
          f.id,
          'warn',
          `response_type "${rt.join(' ')}" returns an access token in the redirect; the implicit grant is deprecated — use the code flow with PKCE.`,
          [at('response_type')],
        );
      else
        emit(f.id, 'pass', `response_type "${rt.join(' ')}" does not return an access token in the redirect.`, [
          at('response_type'),
        ]);
    }
  },
);
