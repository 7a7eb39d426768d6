// id-token.iss: the ID token's iss equals the discovered issuer (OIDC Core §3.1.3.7).
import { defineCheck } from './check.ts';
import { ID_TOKEN_VALIDATION } from './spec-refs.ts';
import { idTokenIssuances } from './jwt-units.ts';
import { metadataFor } from '../context.ts';

export default defineCheck(
  { id: 'id-token.iss', severity: 'must', title: 'iss equals the discovered issuer', spec: [ID_TOKEN_VALIDATION] },
  (env, emit) => {
    for (const { f, claims, claim } of idTokenIssuances(env)) {
      const meta = metadataFor(env.ctx, f);
      if (meta?.issuer === undefined) continue;
      const same = claims.iss === meta.issuer;
      emit(
        f.id,
        same ? 'pass' : 'fail',
        same
          ? 'iss equals the discovered issuer.'
          : `iss "${String(claims.iss)}" is not the issuer "${meta.issuer}" from the discovery document.`,
        [
          claim('iss'),
          {
            exchangeId: meta.exchangeId,
            label: 'issuer (metadata)',
            value: meta.issuer,
            location: 'response.body.issuer',
          },
        ],
      );
    }
  },
);
