// pkce.challenge-syntax: a code_challenge is 43–128 characters of [A-Za-z0-9-._~]; an S256 one is 43 base64url characters (RFC 7636 §4.2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';
import { isRedactedPlaceholder } from '../../redaction/placeholders.ts';

const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

export default defineCheck(
  {
    id: 'pkce.challenge-syntax',
    severity: 'must',
    title: 'code_challenge has the right syntax',
    spec: [rfc(7636, '4.2')],
  },
  (env, emit) => {
    for (const { f, p, at, responseType } of authorizationRequests(env)) {
      const challenge = p.get('code_challenge');
      if (!responseType.includes('code') || challenge === undefined) continue;
      const method = p.get('code_challenge_method');
      if (isRedactedPlaceholder(challenge)) {
        // A plain challenge is the verifier itself, so redaction replaced it too (RFC 7636 §4.2).
        emit(
          f.id,
          'not-applicable',
          `The code_challenge was redacted in this file (it reads "${challenge}"), so its syntax cannot be checked.`,
          [at('code_challenge')],
        );
        continue;
      }
      const syntaxOk = CHALLENGE.test(challenge) && (method !== 'S256' || /^[A-Za-z0-9_-]{43}$/.test(challenge));
      emit(
        f.id,
        syntaxOk ? 'pass' : 'fail',
        syntaxOk
          ? `The challenge is ${challenge.length} characters of the allowed alphabet.`
          : `The challenge "${challenge}" is not 43–128 characters of [A-Za-z0-9-._~]${method === 'S256' ? ' (an S256 challenge is exactly 43 base64url characters)' : ''}.`,
        [at('code_challenge')],
      );
    }
  },
);
