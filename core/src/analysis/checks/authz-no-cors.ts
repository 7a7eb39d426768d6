// authz.no-cors: the authorization endpoint's answers carry no Access-Control-Allow-Origin (RFC 9700 §2.6).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';

export default defineCheck(
  {
    id: 'authz.no-cors',
    severity: 'should',
    title: 'authorization endpoint does not allow CORS',
    spec: [rfc(9700, '2.6')],
  },
  (env, emit) => {
    for (const { f } of authorizationRequests(env)) {
      const acao = f.responseHeaders.get('access-control-allow-origin');
      if (acao !== undefined)
        emit(
          f.id,
          'warn',
          `The authorization endpoint answered with Access-Control-Allow-Origin: ${acao}; it is a front-channel page and should not be readable cross-origin.`,
          [
            {
              exchangeId: f.id,
              label: 'Access-Control-Allow-Origin',
              value: acao,
              location: 'response.header.access-control-allow-origin',
            },
          ],
        );
    }
  },
);
