// api.access-token-validated: an API serves a JWT access token only when its aud names the API and it has not expired (RFC 9068 §4).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { jwtAccessTokenCalls, sameOriginAudience } from './api-units.ts';

export default defineCheck(
  {
    id: 'api.access-token-validated',
    severity: 'must',
    title: 'API serves only JWT access tokens meant for it and not expired',
    spec: [rfc(9068, '4')],
  },
  (env, emit) => {
    for (const { f, tEv, claims } of jwtAccessTokenCalls(env)) {
      if (f.status < 200 || f.status >= 300) continue;
      const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter(
        (a): a is string => typeof a === 'string',
      );
      const problems: string[] = [];
      if (audiences.length > 0 && f.origin && audiences.every((a) => !sameOriginAudience(a, f.origin)))
        problems.push(`aud ${audiences.map((a) => `"${a}"`).join(', ')} does not name ${f.origin}, which accepted it`);
      const expired = Number.isFinite(f.time) && typeof claims.exp === 'number' && claims.exp < f.time / 1000;
      if (expired) problems.push('the API accepted it after exp');
      emit(
        f.id,
        expired ? 'fail' : problems.length ? 'warn' : 'pass',
        problems.length
          ? `The API served a JWT access token it should have checked: ${problems.join('; ')}.`
          : 'The API served a JWT access token that names it and has not expired.',
        [tEv],
      );
    }
  },
);
