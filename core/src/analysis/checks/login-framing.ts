// login.framing: the login page refuses to be framed, by X-Frame-Options or CSP frame-ancestors (RFC 9700 §4.16).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { labelled } from './units.ts';

export default defineCheck(
  { id: 'login.framing', severity: 'should', title: 'login page refuses to be framed', spec: [rfc(9700, '4.16')] },
  (env, emit) => {
    for (const f of labelled(env, 'login-page')) {
      const xfo = f.responseHeaders.get('x-frame-options');
      const csp = f.responseHeaders.get('content-security-policy') ?? '';
      const ok = xfo !== undefined || /frame-ancestors/i.test(csp);
      emit(
        f.id,
        ok ? 'pass' : 'warn',
        ok
          ? `The login page forbids framing (${xfo ? `X-Frame-Options: ${xfo}` : 'CSP frame-ancestors'}).`
          : 'The login page sends neither X-Frame-Options nor CSP frame-ancestors, so another site could frame it (clickjacking).',
        [{ exchangeId: f.id, label: 'framing headers', value: xfo ?? (csp || '(none)'), location: 'response.headers' }],
      );
    }
  },
);
