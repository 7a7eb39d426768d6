// refresh-token.browser: a refresh token handed to a browser is noted, and each refresh returns a new one (rotation; RFC 9700 §2.2.2, §4.14.2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { issuedTokens } from './token-units.ts';

export default defineCheck(
  {
    id: 'refresh-token.browser',
    severity: 'should',
    title: 'refresh tokens in a browser are rotated',
    spec: [rfc(9700, '2.2.2'), rfc(9700, '4.14.2')],
  },
  (env, emit) => {
    for (const { f, body, grant, origin } of issuedTokens(env)) {
      if (typeof body.refresh_token !== 'string' || origin === undefined) continue;
      const ev = [
        {
          exchangeId: f.id,
          label: 'refresh_token (token response)',
          value: body.refresh_token,
          location: 'response.body.refresh_token',
        },
      ];
      if (grant === 'refresh_token' && body.refresh_token === f.form.get('refresh_token'))
        emit(
          f.id,
          'warn',
          'The refresh returned the same refresh token: a browser app should get a new one each time (rotation).',
          ev,
        );
      else if (grant === 'refresh_token') emit(f.id, 'pass', 'The refresh token was rotated.', ev);
      else
        emit(
          f.id,
          'warn',
          'A refresh token is handed to a browser app; it must be rotated and is a long-lived secret with nowhere safe to live.',
          ev,
        );
    }
  },
);
