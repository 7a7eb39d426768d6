// access-token.jwt-profile: a JWT access token has typ at+jwt, iss, aud, exp, sub and client_id, is signed, and names the discovered issuer (RFC 9068 §2, §4).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { jwtAccessTokenCalls } from './api-units.ts';
import { metadataFor } from '../context.ts';

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
      const meta =
        metadataFor(env.ctx, env.ctx.byId.get(rec.info.sightings[0]!.exchangeId)!) ??
        env.ctx.metadata[env.ctx.metadata.length - 1];
      if (meta?.issuer && claims.iss !== undefined && claims.iss !== meta.issuer) {
        problems.push(`iss "${String(claims.iss)}" is not the discovered issuer "${meta.issuer}"`);
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
