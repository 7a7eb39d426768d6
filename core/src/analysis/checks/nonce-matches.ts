// nonce.matches: the ID token's nonce equals the nonce of the authorization request (OIDC Core §3.1.3.7).
import { defineCheck } from './check.ts';
import { ID_TOKEN_VALIDATION } from './spec-refs.ts';
import { idTokenIssuances } from './jwt-units.ts';
import type { Evidence } from '../types.ts';

export default defineCheck(
  {
    id: 'nonce.matches',
    severity: 'must',
    title: "ID token nonce equals the request's nonce",
    spec: [ID_TOKEN_VALIDATION],
  },
  (env, emit) => {
    for (const { f, flow, claims, claim } of idTokenIssuances(env)) {
      const sent = flow?.info.nonce;
      if (sent === undefined && claims.nonce === undefined) continue;
      const reqEv: Evidence[] = flow?.authzRequest
        ? [
            {
              exchangeId: flow.authzRequest.id,
              label: 'nonce (authorization request)',
              value: sent,
              location: 'request.query.nonce',
            },
          ]
        : [];
      if (!flow?.authzRequest)
        emit(f.id, 'not-applicable', 'The authorization request was not captured, so the nonce cannot be compared.', [
          claim('nonce'),
        ]);
      else if (sent === claims.nonce)
        emit(f.id, 'pass', 'The ID token carries the nonce of this login request.', [...reqEv, claim('nonce')]);
      else if (sent === undefined)
        emit(f.id, 'warn', 'The ID token carries a nonce although the request sent none.', [claim('nonce')]);
      else
        emit(
          f.id,
          'fail',
          `The ID token's nonce ${claims.nonce === undefined ? 'is missing' : `"${String(claims.nonce)}" differs from "${sent}"`}: it was not issued for this login (replay).`,
          [...reqEv, claim('nonce')],
        );
    }
  },
);
