// logout.id-token-hint: an RP-initiated logout names the session with id_token_hint (OpenID RP-Initiated Logout 1.0 §2).
import { defineCheck } from './check.ts';
import { RP_LOGOUT } from './spec-refs.ts';
import { labelled } from './units.ts';

export default defineCheck(
  { id: 'logout.id-token-hint', severity: 'should', title: 'logout sends id_token_hint', spec: [RP_LOGOUT] },
  (env, emit) => {
    for (const f of labelled(env, 'logout')) {
      const hint = f.query.get('id_token_hint') ?? f.form.get('id_token_hint');
      emit(
        f.id,
        hint ? 'pass' : 'warn',
        hint
          ? 'The logout names the session through id_token_hint.'
          : 'The logout request has no id_token_hint, so the server cannot be sure which session and client it is for.',
        [
          {
            exchangeId: f.id,
            label: 'id_token_hint',
            value: hint ?? '(none)',
            location: 'request.query.id_token_hint',
          },
        ],
      );
    }
  },
);
