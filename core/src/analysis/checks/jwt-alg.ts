// jwt.alg: the signing algorithm is acceptable: never none, no shared secret for a public client, one the metadata lists (OIDC Core §3.1.3.7; RFC 8725 §3.1).
import { defineCheck } from './check.ts';
import { ID_TOKEN_VALIDATION, rfc } from './spec-refs.ts';
import { decodedJwts } from './jwt-units.ts';
import { metadataFor } from '../context.ts';

export default defineCheck(
  {
    id: 'jwt.alg',
    severity: 'must',
    title: 'signing algorithm acceptable',
    spec: [ID_TOKEN_VALIDATION, rfc(8725, '3.1')],
  },
  (env, emit) => {
    for (const { rec, first, ev, alg } of decodedJwts(env)) {
      const meta = metadataFor(env.ctx, env.ctx.byId.get(first.exchangeId)!);
      const listed = meta?.doc.id_token_signing_alg_values_supported;
      const supported = Array.isArray(listed) ? listed.map(String) : undefined;
      const idToken = rec.info.kind === 'id-token';
      if (alg.toLowerCase() === 'none')
        emit(first.exchangeId, 'fail', 'alg is "none": the token is unsigned and must never be accepted.', [ev]);
      else if (/^HS/.test(alg) && idToken)
        emit(
          first.exchangeId,
          'warn',
          `${alg} uses a shared secret; a public client has no secret to verify it with.`,
          [ev],
        );
      else if (idToken && supported && !supported.includes(alg))
        emit(
          first.exchangeId,
          'warn',
          `alg ${alg} is not among the algorithms the metadata lists (${supported.join(', ')}).`,
          [ev],
        );
      else emit(first.exchangeId, 'pass', `Signed with ${alg}.`, [ev]);
    }
  },
);
