// tokens.not-in-url: no access_token or id_token in a URL query or fragment, where history, logs and Referer keep them (RFC 9700 §4.3.2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationResponses } from './authorization-units.ts';

export default defineCheck(
  { id: 'tokens.not-in-url', severity: 'should', title: 'no tokens in URLs', spec: [rfc(9700, '4.3.2')] },
  (env, emit) => {
    for (const { r, f, ev } of authorizationResponses(env)) {
      const where = r.where.includes('fragment') || r.where.includes('query') ? r.where : undefined;
      if (!where) continue;
      const inUrl = ['access_token', 'id_token'].filter((n) => r.params.has(n));
      if (inUrl.length > 0)
        emit(
          f.id,
          'warn',
          `${inUrl.join(' and ')} travel in the URL ${where.includes('fragment') ? 'fragment' : 'query'}, where history, logs and Referer can leak them.`,
          inUrl.map(ev),
        );
    }
  },
);
