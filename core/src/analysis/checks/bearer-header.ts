// bearer.header: an API call sends its token in the Authorization header, never in the URL query (RFC 6750 §2; RFC 9700 §4.3.2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { labelled } from './units.ts';

export default defineCheck(
  {
    id: 'bearer.header',
    severity: 'must',
    title: 'bearer token in the Authorization header',
    spec: [rfc(6750, '2'), rfc(9700, '4.3.2')],
  },
  (env, emit) => {
    for (const f of labelled(env, 'api-call')) {
      if (f.bearer)
        emit(f.id, 'pass', 'The token is sent in the Authorization header.', [
          {
            exchangeId: f.id,
            label: 'Authorization',
            value: `${f.authScheme} …`,
            location: 'request.header.authorization',
          },
        ]);
      else if (f.query.has('access_token'))
        emit(f.id, 'fail', 'The access token is sent in the URL query, where logs and history keep it.', [
          {
            exchangeId: f.id,
            label: 'access_token (query)',
            value: f.query.get('access_token'),
            location: 'request.query.access_token',
          },
        ]);
      else if (f.form.has('access_token'))
        emit(f.id, 'warn', 'The access token is sent in the form body; the Authorization header is preferred.', [
          { exchangeId: f.id, label: 'access_token (form)', location: 'request.form.access_token' },
        ]);
    }
  },
);
