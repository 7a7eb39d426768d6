// access-token.jwt-profile: a JWT access token has typ at+jwt, iss, aud, exp, sub and client_id, is signed, and names the discovered issuer (RFC 9068 §2, §4).
import { defineCheck } from './check.ts';
import type { CheckEnv } from '../check-env.ts';
import type { TokenRecord } from '../tokens.ts';
import { issuance } from './jwt-units.ts';
import { rfc } from './spec-refs.ts';
import { jwtAccessTokenCalls } from './api-units.ts';

export default defineCheck(
  {
    id: 'access-token.jwt-profile',
    severity: 'should',
    title: 'JWT access token follows RFC 9068 (typ, claims, alg, issuer)',
    spec: [rfc(9068, '2'), rfc(9068, '4')],
  },
  (env, emit) => {
    for (const { f, rec, tEv, header, claims } of jwtAccessTokenCalls(env)) {
      const problems: string[] = [];
      let fail = false;
      if (String(header.alg).toLowerCase() === 'none') {
        problems.push('alg is none');
        fail = true;
      }
      const typ = String(header.typ ?? '').toLowerCase();
      if (typ !== 'at+jwt' && typ !== 'application/at+jwt')
        problems.push(`typ is "${String(header.typ ?? '(missing)')}", not at+jwt`);
      for (const name of ['iss', 'aud', 'exp', 'sub', 'client_id'])
        if (claims[name] === undefined) problems.push(`no ${name}`);
      // The endpoint whose response issued it names one issuer; a token met only at an API may be any discovered one's.
      const issuedBy = issuingEndpoint(env, rec);
      const issuing = issuedBy?.metadata.issuer;
      const issuers = issuing ? [issuing] : env.ctx.metadata.flatMap((m) => (m.issuer ? [m.issuer] : []));
      if (issuers.length > 0 && claims.iss !== undefined && !issuers.includes(String(claims.iss))) {
        problems.push(
          issuing
            ? `iss "${String(claims.iss)}" is not the issuer "${issuing}" whose ${issuedBy!.kind} endpoint issued it`
            : issuers.length === 1
              ? `iss "${String(claims.iss)}" is not the discovered issuer "${issuers[0]}"`
              : `iss "${String(claims.iss)}" is none of the discovered issuers (${issuers.map((i) => `"${i}"`).join(', ')})`,
        );
        fail = true;
      }
      emit(
        f.id,
        fail ? 'fail' : problems.length ? 'warn' : 'pass',
        problems.length ? `JWT access token: ${problems.join('; ')}.` : 'The JWT access token follows RFC 9068.',
        [tEv],
      );
    }
  },
);

/** The token or authorization endpoint whose response issued the token (jwt-units' issuance), when captured. */
function issuingEndpoint(env: CheckEnv, rec: TokenRecord) {
  const issued = issuance(env, rec);
  const hit = issued ? env.ctx.endpoints.get(issued.f.endpoint) : undefined;
  return hit?.kind === 'token' || hit?.kind === 'authorization' ? hit : undefined;
}
