// state.mismatch-dropped: a client drops an authorization response whose state does not match its request, and never redeems its code (RFC 6749 §10.12).
import { exchangeLabel } from '../../exchange-number.ts';
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationResponses, isRepeatedResponse } from './authorization-units.ts';

export default defineCheck(
  {
    id: 'state.mismatch-dropped',
    severity: 'must',
    title: 'client drops a response whose state does not match',
    spec: [rfc(6749, '10.12'), rfc(6749, '4.1.2')],
  },
  (env, emit) => {
    for (const { rec, r, f, ev } of authorizationResponses(env)) {
      const sent = rec.request?.get('state');
      const got = r.params.get('state');
      const code = r.params.get('code');
      if (!rec.authzRequest || sent === undefined || sent === got || !code || isRepeatedResponse(rec, r)) continue;
      const uses = env.flows.codeUses.get(code) ?? [];
      const evidence = [
        ev('state'),
        ev('code'),
        ...uses.map((u) => ({ exchangeId: u.id, label: 'code redeemed', location: 'request.form.code' })),
      ];
      if (uses.length > 0)
        emit(
          f.id,
          'fail',
          `The client redeemed the code of a response whose state does not match its request (exchange ${exchangeLabel(uses[0]!.exchange)}): it must drop such a response, which may be an attacker's.`,
          evidence,
        );
      else
        emit(
          f.id,
          'pass',
          'The state does not match, and the client dropped the response: its code was never redeemed.',
          evidence,
        );
    }
  },
);
