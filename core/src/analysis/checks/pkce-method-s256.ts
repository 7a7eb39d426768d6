// pkce.method-s256: the code_challenge_method is S256; plain, or no method (= plain), shows the verifier (RFC 7636 §4.2, §4.3).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';

export default defineCheck(
  {
    id: 'pkce.method-s256',
    severity: 'should',
    title: 'PKCE method is S256',
    spec: [rfc(7636, '4.2'), rfc(7636, '4.3')],
  },
  (env, emit) => {
    for (const { f, p, at, responseType } of authorizationRequests(env)) {
      if (!responseType.includes('code') || p.get('code_challenge') === undefined) continue;
      const method = p.get('code_challenge_method');
      if (method === 'S256')
        emit(f.id, 'pass', 'The challenge is an S256 hash of the verifier.', [at('code_challenge_method')]);
      else
        emit(
          f.id,
          'warn',
          method
            ? `code_challenge_method is "${method}"; only S256 hides the verifier.`
            : 'No code_challenge_method, which means "plain": the challenge is the verifier itself.',
          [at('code_challenge_method')],
        );
    }
  },
);
