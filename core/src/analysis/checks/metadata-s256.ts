// metadata.s256: the server's metadata lists S256 in code_challenge_methods_supported (RFC 8414 §2; RFC 9700 §2.1.1).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';

export default defineCheck(
  {
    id: 'metadata.s256',
    severity: 'should',
    title: 'metadata advertises S256 PKCE',
    spec: [rfc(8414, '2'), rfc(9700, '2.1.1')],
  },
  (env, emit) => {
    for (const m of env.ctx.metadata) {
      if (!env.dirty(m.exchangeId)) continue;
      const methods = m.doc.code_challenge_methods_supported;
      const ev = [
        {
          exchangeId: m.exchangeId,
          label: 'code_challenge_methods_supported',
          value: Array.isArray(methods) ? methods.join(', ') : '(missing)',
          location: 'response.body.code_challenge_methods_supported',
        },
      ];
      if (!Array.isArray(methods))
        emit(
          m.exchangeId,
          'warn',
          'The metadata does not list code_challenge_methods_supported, so clients cannot tell whether PKCE is supported.',
          ev,
        );
      else
        emit(
          m.exchangeId,
          methods.includes('S256') ? 'pass' : 'fail',
          methods.includes('S256')
            ? 'The server supports S256 PKCE.'
            : 'The server does not list S256 among its PKCE methods.',
          ev,
        );
    }
  },
);
