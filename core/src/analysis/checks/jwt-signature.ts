// jwt.signature: the signature verifies against a captured key set (OIDC Core §3.1.3.7; RFC 7515 §5.2); a redacted one is not checkable.
import { defineCheck } from './check.ts';
import { ID_TOKEN_VALIDATION, rfc } from './spec-refs.ts';
import { decodedJwts } from './jwt-units.ts';
import type { CheckEnv } from '../check-env.ts';
import type { TokenRecord } from '../tokens.ts';

/**
 * Someone in the capture had to verify this token's signature: an API it was presented to, or a client that got an
 * ID token through the front channel. An ID token from the token endpoint may be trusted on TLS alone (OIDC Core
 * §3.1.3.7 item 6), and a token nobody used needs no key set.
 */
function neededVerifying(env: CheckEnv, rec: TokenRecord): boolean {
  return rec.info.sightings.some((s) =>
    s.location === 'request.header.authorization'
      ? env.labels.get(s.exchangeId)?.has('api-call') === true
      : rec.info.kind === 'id-token' &&
        !s.location.startsWith('response.body.') &&
        !s.location.endsWith('id_token_hint'),
  );
}

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
      if (sig.status === 'unverifiable' && env.ctx.keys.length === 0 && !neededVerifying(env, rec)) {
        emit(
          first.exchangeId,
          'not-applicable',
          'No key set was captured, and nobody here had to verify this token: it was not presented to an API, and an ID token from the token endpoint may rely on TLS (OIDC Core §3.1.3.7).',
          [ev],
        );
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
