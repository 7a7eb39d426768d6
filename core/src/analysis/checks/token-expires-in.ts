// token.expires-in: expires_in is a positive number of seconds; lifetimes over two hours are noted (RFC 6749 §5.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { issuedTokens } from './token-units.ts';

/** A lifetime in the unit a reader would say it in: 8 s is "8 seconds", not "0 minutes". */
export function lifetime(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} second${Math.round(seconds) === 1 ? '' : 's'}`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  const hours = seconds / 3600;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} hours`;
}

export default defineCheck(
  {
    id: 'token.expires-in',
    severity: 'should',
    title: 'expires_in positive and not too long',
    spec: [rfc(6749, '5.1')],
  },
  (env, emit) => {
    for (const { f, body } of issuedTokens(env)) {
      const expiresIn = body.expires_in;
      const ev = [
        {
          exchangeId: f.id,
          label: 'expires_in',
          value: String(expiresIn ?? '(missing)'),
          location: 'response.body.expires_in',
        },
      ];
      if (expiresIn === undefined)
        emit(f.id, 'warn', 'No expires_in: the client cannot tell when the access token expires.', ev);
      else if (typeof expiresIn !== 'number' || !(expiresIn > 0))
        emit(f.id, 'fail', `expires_in ${String(expiresIn)} is not a positive number of seconds.`, ev);
      else if (expiresIn > 7200)
        emit(
          f.id,
          'warn',
          `The access token lives ${lifetime(expiresIn)}; short lifetimes limit the damage of a leak.`,
          ev,
        );
      else emit(f.id, 'pass', `The access token lives ${lifetime(expiresIn)}.`, ev);
    }
  },
);
