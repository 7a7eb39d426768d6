// nonce.present: a nonce is sent when the ID token comes from the front channel, and is unique per transaction (OIDC Core §3.2.2.1; RFC 9700 §2.1.1).
import { exchangeLabel } from '../../exchange-number.ts';
import { defineCheck } from './check.ts';
import { oidc, rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';
import type { CheckEnv } from '../check-env.ts';

/** `#N` of an exchange named by id (the id itself if it is not in this analysis). */
function nameOf(env: CheckEnv, id: string): string {
  const facts = env.ctx.byId.get(id);
  return facts ? exchangeLabel(facts.exchange) : id;
}

export default defineCheck(
  {
    id: 'nonce.present',
    severity: 'must',
    title: 'nonce sent when the ID token comes from the front channel, unique per request',
    spec: [oidc('3.2.2.1', 'ImplicitAuthRequest'), rfc(9700, '2.1.1')],
  },
  (env, emit) => {
    for (const { f, p, at, responseType } of authorizationRequests(env)) {
      const nonce = p.get('nonce');
      if (nonce !== undefined) {
        const sameNonce = env.flows.nonceRequests.get(nonce) ?? [];
        const earlier = sameNonce[sameNonce.indexOf(f.id) - 1];
        if (earlier)
          emit(
            f.id,
            'warn',
            `The same nonce was already used by the authorization request in exchange ${nameOf(env, earlier)}; a nonce must be unique per transaction.`,
            [at('nonce')],
          );
        else emit(f.id, 'pass', 'A nonce is sent, binding the ID token to this request.', [at('nonce')]);
      } else if (responseType.includes('id_token')) {
        emit(
          f.id,
          'fail',
          'An ID token is requested from the front channel without a nonce: a replayed ID token would be accepted.',
          [at('response_type')],
        );
      } else {
        emit(f.id, 'not-applicable', 'No nonce; it is optional for the code flow, where PKCE protects the code.', [
          at('response_type'),
        ]);
      }
    }
  },
);
