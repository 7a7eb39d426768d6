// api.invalid-token-refused: an API refuses with 401 a bearer token that is invalid (altered, unsigned, unreadable, expired, for another audience) (RFC 6750 §3.1; RFC 9068 §4).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { bearerCalls, sameOriginAudience, type BearerCall } from './api-units.ts';

/** Why the token of this call is invalid for it, judged on the token alone and on the API it was sent to. */
export function invalidReasons({ f, rec, idToken }: BearerCall): string[] {
  const reasons: string[] = [];
  const sig = rec.info.signature?.status;
  if (sig === 'invalid') reasons.push('its signature does not verify');
  if (sig === 'not-signed') reasons.push('it is unsigned (alg "none")');
  if (rec.info.format === 'jwt' && !rec.jwt?.payload) reasons.push('it cannot be decoded as a JWT');
  const claims = rec.jwt?.payload;
  if (claims && !idToken) {
    if (Number.isFinite(f.time) && typeof claims.exp === 'number' && claims.exp < f.time / 1000)
      reasons.push('it had expired');
    const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter(
      (a): a is string => typeof a === 'string',
    );
    if (audiences.length > 0 && f.origin && audiences.every((a) => !sameOriginAudience(a, f.origin)))
      reasons.push(`its aud (${audiences.map((a) => `"${a}"`).join(', ')}) does not name ${f.origin}`);
  }
  return reasons;
}

/** Accepting an altered, unsigned or unreadable token is this rule's failure; accepting one for another audience or past exp is api.access-token-validated's. */
const INTEGRITY = /signature|unsigned|decoded/;

export default defineCheck(
  {
    id: 'api.invalid-token-refused',
    severity: 'must',
    title: 'API refuses an invalid token with 401',
    spec: [rfc(6750, '3.1'), rfc(9068, '4')],
  },
  (env, emit) => {
    for (const call of bearerCalls(env)) {
      const { f, tEv } = call;
      const reasons = invalidReasons(call);
      if (reasons.length === 0 || f.status === 0 || f.status >= 500) continue;
      const why = reasons.join('; ');
      const evidence = [tEv, { exchangeId: f.id, label: 'API status', value: String(f.status) }];
      if (f.status === 401)
        emit(f.id, 'pass', `The token is invalid (${why}), and the API refused it with 401, as it must.`, evidence);
      else if (f.status >= 200 && f.status < 300) {
        if (reasons.some((r) => INTEGRITY.test(r)))
          emit(f.id, 'fail', `The API served a request whose token is invalid (${why}).`, evidence);
      } else
        emit(
          f.id,
          'warn',
          `The token is invalid (${why}); the API refused it with ${f.status}, where RFC 6750 names 401 invalid_token.`,
          evidence,
        );
    }
  },
);
