// userinfo.bearer-header: the UserInfo request sends the access token as a bearer token in the Authorization header (OIDC Core §5.3.1; RFC 6750 §2.1).
import { defineCheck } from './check.ts';
import { oidc, rfc } from './spec-refs.ts';
import { labelled } from './units.ts';

export default defineCheck(
  {
    id: 'userinfo.bearer-header',
    severity: 'should',
    title: 'UserInfo request carries the access token in the Authorization header',
    spec: [oidc('5.3.1', 'UserInfoRequest'), rfc(6750, '2.1')],
  },
  (env, emit) => {
    for (const f of labelled(env, 'userinfo')) {
      if (f.bearer)
        emit(f.id, 'pass', 'The access token is sent as a bearer token in the Authorization header.', [
          {
            exchangeId: f.id,
            label: 'Authorization',
            value: `${f.authScheme} …`,
            location: 'request.header.authorization',
          },
        ]);
      else if (f.query.has('access_token'))
        emit(
          f.id,
          'fail',
          'The access token is sent in the URL query, where logs and history keep it (RFC 6750 §2.3 says not to).',
          [
            {
              exchangeId: f.id,
              label: 'access_token (query)',
              value: f.query.get('access_token'),
              location: 'request.query.access_token',
            },
          ],
        );
      else if (f.form.has('access_token'))
        emit(
          f.id,
          'warn',
          'The access token is sent in the form body (RFC 6750 §2.2); OIDC Core recommends the Authorization header.',
          [{ exchangeId: f.id, label: 'access_token (form)', location: 'request.form.access_token' }],
        );
    }
  },
);
