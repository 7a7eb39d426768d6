// refresh-token.reuse-refused: with rotation, a refresh token already used is refused when a browser presents it again (RFC 9700 §4.14.2).
import { exchangeLabel } from '../../exchange-number.ts';
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { grants } from './token-units.ts';

export default defineCheck(
  {
    id: 'refresh-token.reuse-refused',
    severity: 'must',
    title: 'a refresh token already used is refused',
    spec: [rfc(9700, '4.14.2')],
  },
  (env, emit) => {
    for (const { f, ok } of grants(env, 'refresh_token')) {
      const rt = f.form.get('refresh_token') ?? '';
      const uses = env.flows.refreshUses.get(rt) ?? [];
      if (uses.indexOf(f) <= 0 || !f.requestHeaders.has('origin')) continue;
      const ev = [
        {
          exchangeId: uses[0]!.id,
          label: 'refresh_token (first use)',
          value: rt,
          location: 'request.form.refresh_token',
        },
        { exchangeId: f.id, label: 'refresh_token (reused)', value: rt, location: 'request.form.refresh_token' },
      ];
      emit(
        f.id,
        ok ? 'fail' : 'pass',
        ok
          ? `A refresh token already used in exchange ${exchangeLabel(uses[0]!.exchange)} worked again: it is not rotated.`
          : `A refresh token already used in exchange ${exchangeLabel(uses[0]!.exchange)} was refused (${String(f.responseJson?.error ?? f.status)}), as rotation requires.`,
        ev,
      );
    }
  },
);
