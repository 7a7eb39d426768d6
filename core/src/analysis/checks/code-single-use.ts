// code.single-use: an authorization code works once; a second redemption must fail with invalid_grant (RFC 6749 §4.1.2).
import { exchangeLabel } from '../../exchange-number.ts';
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { grants } from './token-units.ts';
import { REDACTED, isRedactedPlaceholder } from '../../redaction/placeholders.ts';

/** A numbered placeholder stands for one code value wherever it appears, so a reuse seen in a redacted file is real. */
function redactionNote(code: string): string {
  return isRedactedPlaceholder(code)
    ? ` The code is redacted in this file; ${code} stands for the same code value in both requests.`
    : '';
}

export default defineCheck(
  {
    id: 'code.single-use',
    severity: 'must',
    title: 'an authorization code works only once',
    spec: [rfc(6749, '4.1.2')],
  },
  (env, emit) => {
    for (const { f, ok } of grants(env, 'authorization_code')) {
      const code = f.form.get('code') ?? '';
      const uses = env.flows.codeUses.get(code) ?? [];
      if (uses.indexOf(f) <= 0) continue;
      const evidence = [
        { exchangeId: uses[0]!.id, label: 'code (first use)', value: code, location: 'request.form.code' },
        { exchangeId: f.id, label: 'code (second use)', value: code, location: 'request.form.code' },
      ];
      if (code === REDACTED) {
        emit(
          f.id,
          'not-applicable',
          `The code was redacted in this file as a bare ${REDACTED}, so whether exchange ${exchangeLabel(uses[0]!.exchange)} used the same code cannot be told.`,
          evidence,
        );
        continue;
      }
      emit(
        f.id,
        ok ? 'fail' : 'pass',
        (ok
          ? `Code redeemed a second time (first in exchange ${exchangeLabel(uses[0]!.exchange)}) and the server issued tokens again.`
          : `Code redeemed a second time (first in exchange ${exchangeLabel(uses[0]!.exchange)}) and the server refused it (${String(f.responseJson?.error ?? f.status)}).`) +
          redactionNote(code),
        evidence,
      );
    }
  },
);
