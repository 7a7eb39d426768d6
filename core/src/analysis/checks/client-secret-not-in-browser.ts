// client-secret.not-in-browser: no client secret is sent from a browser page, where nothing stays secret (OAuth for Browser-Based Apps).
import { defineCheck } from './check.ts';
import { BBA } from './spec-refs.ts';
import { tokenRequests } from './token-units.ts';

export default defineCheck(
  { id: 'client-secret.not-in-browser', severity: 'must', title: 'no client secret sent from a browser', spec: [BBA] },
  (env, emit) => {
    for (const { f, origin, ev } of tokenRequests(env)) {
      if (origin === undefined || (!f.form.has('client_secret') && f.authScheme !== 'basic')) continue;
      emit(
        f.id,
        'fail',
        `A client secret is sent from a browser page (Origin ${origin}); anything in a browser app is public.`,
        [
          f.form.has('client_secret')
            ? ev('client_secret')
            : { exchangeId: f.id, label: 'Authorization: Basic', location: 'request.header.authorization' },
        ],
      );
    }
  },
);
