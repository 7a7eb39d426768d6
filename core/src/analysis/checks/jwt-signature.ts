// jwt.signature: the signature verifies against a captured key set (OIDC Core §3.1.3.7; RFC 7515 §5.2); a redacted one is not checkable.
import { defineCheck } from './check.ts';
import { ID_TOKEN_VALIDATION, rfc } from './spec-refs.ts';
import { decodedJwts } from './jwt-units.ts';

export default defineCheck(
  {
    id: 'jwt.signature',
    severity: 'must',
    title: 'signature verifies against the captured key set',
    spec: [ID_TOKEN_VALIDATION, rfc(7515, '5.2')],
  },
  (env, emit) => {
    for (const { rec, first, ev, header } of decodedJwts(env)) {
      const sig = rec.info.signature;
      if (!sig) continue;
      const kid = typeof header.kid === 'string' ? header.kid : undefined;
      if (sig.status === 'redacted') {
        emit(first.exchangeId, 'not-applicable', sig.detail, [ev]);
        continue;
      }
      const status = sig.status === 'verified' ? 'pass' : sig.status === 'unverifiable' ? 'warn' : 'fail';
      emit(first.exchangeId, status, sig.detail, [
        ev,
        ...(sig.jwksExchangeId
          ? [{ exchangeId: sig.jwksExchangeId, label: 'JWKS', value: kid, location: 'response.body.keys' }]
          : []),
      ]);
    }
  },
);
