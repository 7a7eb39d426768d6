// nonce.matches: the ID token's nonce equals the nonce of the authorization request (OIDC Core §3.1.3.7, §12.2).
import { defineCheck } from './check.ts';
import { ID_TOKEN_VALIDATION, oidc } from './spec-refs.ts';
import { grantType } from '../recognizers/request-kinds.ts';
import { idTokenIssuances } from './jwt-units.ts';
import type { Evidence } from '../types.ts';

export default defineCheck(
  {
    id: 'nonce.matches',
    severity: 'must',
    title: "ID token nonce equals the request's nonce",
    spec: [ID_TOKEN_VALIDATION, oidc('12.2', 'RefreshTokenResponse')],
  },
  (env, emit) => {
    for (const { f, flow, claims, claim } of idTokenIssuances(env)) {
      const sent = flow?.info.nonce;
      if (sent === undefined && claims.nonce === undefined) continue;
      // OIDC Core §12.2: an ID token from a refresh SHOULD NOT carry a nonce; if it does, it must be the login's.
      if (grantType(f) === 'refresh_token' && claims.nonce === undefined) {
        emit(f.id, 'pass', 'An ID token issued on refresh carries no nonce, as OIDC Core §12.2 recommends.', [
          claim('nonce'),
        ]);
        continue;
      }
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
