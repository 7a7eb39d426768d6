// capture.host-matches-target: a request's Host header names the authority the proxy connected to (RFC 9110 §7.2; RFC 9112 §3.2, §3.2.2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';

/**
 * The capture proxy records the URL it connected to and flags a Host header naming another authority
 * (`_hostMismatch`). A client MUST send a Host identical to the target URI's authority (RFC 9110 §7.2), and a
 * proxy receiving an absolute-form request-target MUST ignore Host and use the target's (RFC 9112 §3.2.2); a
 * server behind a proxy may still route by Host. Exchanges without the flag yield no finding.
 */
export default defineCheck(
  {
    id: 'capture.host-matches-target',
    severity: 'must',
    title: 'Host header names the target the proxy connected to',
    spec: [rfc(9112, '3.2.2'), rfc(9110, '7.2')],
  },
  (env, emit) => {
    const flagged = env.units.facts.filter((f) => f.exchange._hostMismatch && env.dirty(f.id));
    for (const f of flagged) {
      const { header, target } = f.exchange._hostMismatch!;
      const evidence = [
        { exchangeId: f.id, label: 'Host header', value: header, location: 'request.header.host' },
        { exchangeId: f.id, label: 'connected target', value: target, location: 'request.url' },
      ];
      const message = `The Host header named ${header} but the proxy connected to ${target}, and the record follows the connection; servers behind a proxy may route by Host, so the answer may be the one for ${header}.`;
      emit(f.id, 'warn', message, evidence);
    }
  },
);
