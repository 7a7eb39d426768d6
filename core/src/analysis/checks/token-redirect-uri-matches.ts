// token.redirect-uri-matches: the token request's redirect_uri is the one of the authorization request (RFC 6749 §4.1.3).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { tokenRequests } from './token-units.ts';

export default defineCheck(
  {
    id: 'token.redirect-uri-matches',
    severity: 'must',
    title: 'redirect_uri same as in the authorization request',
    spec: [rfc(6749, '4.1.3')],
  },
  (env, emit) => {
    for (const { rec, f, grant, ev } of tokenRequests(env)) {
      const sent = grant === 'authorization_code' ? rec.request?.get('redirect_uri') : undefined;
      if (sent === undefined) continue;
      const same = f.form.get('redirect_uri') === sent;
      emit(
        f.id,
        same ? 'pass' : 'fail',
        same
          ? 'redirect_uri is the same as in the authorization request.'
          : `redirect_uri "${f.form.get('redirect_uri') ?? '(missing)'}" differs from "${sent}" in the authorization request.`,
        [
          ev('redirect_uri'),
          {
            exchangeId: rec.authzRequest!.id,
            label: 'redirect_uri (authorization request)',
            value: sent,
            location: 'request.query.redirect_uri',
          },
        ],
      );
    }
  },
);
