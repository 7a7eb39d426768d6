// jwt.kid-resolves: the kid of an asymmetrically signed JWT names a key in a captured key set (OIDC Core §10.1.1).
import { defineCheck } from './check.ts';
import { oidc } from './spec-refs.ts';
import { decodedJwts } from './jwt-units.ts';

export default defineCheck(
  {
    id: 'jwt.kid-resolves',
    severity: 'should',
    title: 'kid found in a captured key set',
    spec: [oidc('10.1.1', 'RotateSigKeys')],
  },
  (env, emit) => {
    for (const { first, ev, header, alg } of decodedJwts(env)) {
      const kid = typeof header.kid === 'string' ? header.kid : undefined;
      if (env.ctx.keys.length === 0 || kid === undefined || /^HS/.test(alg) || alg.toLowerCase() === 'none') continue;
      const hit = env.ctx.keys.find((k) => k.kid === kid);
      emit(
        first.exchangeId,
        hit ? 'pass' : 'warn',
        hit
          ? `kid "${kid}" is in the key set captured in exchange ${hit.exchangeLabel}.`
          : `kid "${kid}" is in none of the captured key sets.`,
        [
          ev,
          ...(hit ? [{ exchangeId: hit.exchangeId, label: 'JWKS', value: kid, location: 'response.body.keys' }] : []),
        ],
      );
    }
  },
);
