// state.present: the authorization request carries a state that is hard to guess (RFC 6749 §10.12; RFC 9700 §2.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';

export default defineCheck(
  {
    id: 'state.present',
    severity: 'should',
    title: 'state present and hard to guess',
    spec: [rfc(6749, '10.12'), rfc(9700, '2.1')],
  },
  (env, emit) => {
    for (const { f, p, at } of authorizationRequests(env)) {
      const state = p.get('state');
      if (state === undefined)
        emit(f.id, 'warn', 'No state parameter: the client relies on PKCE alone against cross-site request forgery.', [
          at('client_id'),
        ]);
      else if (state.length < 8 || /^\d+$/.test(state))
        emit(f.id, 'warn', `state "${state}" is short or all digits, so an attacker could guess it.`, [at('state')]);
      else emit(f.id, 'pass', `state is ${state.length} characters long.`, [at('state')]);
    }
  },
);
