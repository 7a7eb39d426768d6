// introspection.auth: the caller of the introspection endpoint authenticates (RFC 7662 §2.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { labelled } from './units.ts';

export default defineCheck(
  { id: 'introspection.auth', severity: 'must', title: 'introspection caller authenticates', spec: [rfc(7662, '2.1')] },
  (env, emit) => {
    for (const f of labelled(env, 'introspection')) {
      const authed =
        f.authScheme === 'basic' ||
        f.authScheme === 'bearer' ||
        f.form.has('client_secret') ||
        f.form.has('client_assertion');
      emit(
        f.id,
        authed ? 'pass' : 'fail',
        authed
          ? 'The introspection caller authenticates.'
          : 'The introspection request carries no client authentication, so anyone could probe tokens.',
        [
          {
            exchangeId: f.id,
            label: 'authorization',
            value: f.authScheme ?? '(none)',
            location: 'request.header.authorization',
          },
        ],
      );
    }
  },
);
