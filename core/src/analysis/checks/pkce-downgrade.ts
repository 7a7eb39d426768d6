// pkce.downgrade: no code_verifier without an earlier code_challenge (RFC 9700 §4.8).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { tokenRequests } from './token-units.ts';

export default defineCheck(
  {
    id: 'pkce.downgrade',
    severity: 'must',
    title: 'no code_verifier without an earlier code_challenge',
    spec: [rfc(9700, '4.8')],
  },
  (env, emit) => {
    for (const { rec, f, grant } of tokenRequests(env)) {
      if (grant !== 'authorization_code' || !rec.authzRequest) continue;
      const verifier = f.form.get('code_verifier');
      const challenge = rec.request?.get('code_challenge');
      const cEv = {
        exchangeId: rec.authzRequest.id,
        label: 'code_challenge (authorization request)',
        value: challenge,
        location: 'request.query.code_challenge',
      };
      if (challenge !== undefined) emit(f.id, 'pass', 'The code was requested with a code_challenge.', [cEv]);
      else if (verifier !== undefined)
        emit(
          f.id,
          'fail',
          'The token request sends a code_verifier although the authorization request had no code_challenge: a PKCE downgrade the server must reject.',
          [
            {
              exchangeId: f.id,
              label: 'code_verifier (token request)',
              value: verifier,
              location: 'request.form.code_verifier',
            },
            cEv,
          ],
        );
    }
  },
);
