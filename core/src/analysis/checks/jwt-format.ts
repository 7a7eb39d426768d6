// jwt.format: a value in a JWT position is well-formed: three base64url parts, a JSON header and JSON claims (RFC 7519 §7.2; RFC 7515 §7.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { jwtTokens } from './jwt-units.ts';

export default defineCheck(
  {
    id: 'jwt.format',
    severity: 'must',
    title: 'a JWT is well-formed (three base64url parts, JSON header and claims)',
    spec: [rfc(7519, '7.2'), rfc(7515, '7.1')],
  },
  (env, emit) => {
    for (const { rec, first, ev } of jwtTokens(env)) {
      if (rec.jwt?.payload) continue;
      emit(
        first.exchangeId,
        'fail',
        `The value at ${first.location} is not a usable JWT: ${rec.problem ?? 'it cannot be decoded'}`,
        [ev],
      );
    }
  },
);
