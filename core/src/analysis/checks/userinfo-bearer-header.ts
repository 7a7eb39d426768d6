// userinfo.bearer-header: the UserInfo request sends the access token as a bearer token in the Authorization header (OIDC Core §5.3.1; RFC 6750 §2.1).
import { defineCheck } from './check.ts';
import { oidc, rfc } from './spec-refs.ts';
import { labelled } from './units.ts';
import { tokenPlacement } from './api-units.ts';

const VERDICT = {
  header: ['pass', 'The access token is sent as a bearer token in the Authorization header.'],
  query: [
    'fail',
    'The access token is sent in the URL query, where logs and history keep it (RFC 6750 §2.3 says not to).',
  ],
  form: [
    'warn',
    'The access token is sent in the form body (RFC 6750 §2.2); OIDC Core recommends the Authorization header.',
  ],
} as const;

export default defineCheck(
  {
    id: 'userinfo.bearer-header',
    severity: 'should',
    title: 'UserInfo request carries the access token in the Authorization header',
    spec: [oidc('5.3.1', 'UserInfoRequest'), rfc(6750, '2.1')],
  },
  (env, emit) => {
    for (const f of labelled(env, 'userinfo')) {
      const placed = tokenPlacement(f);
      if (placed) emit(f.id, VERDICT[placed.where][0], VERDICT[placed.where][1], [placed.ev]);
    }
  },
);
