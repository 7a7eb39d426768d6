// token.no-store: a token response says Cache-Control: no-store (RFC 6749 §5.1; OIDC Core §3.1.3.3).
import { defineCheck } from './check.ts';
import { oidc, rfc } from './spec-refs.ts';
import { issuedTokens } from './token-units.ts';

export default defineCheck(
  {
    id: 'token.no-store',
    severity: 'must',
    title: 'token response is not cached',
    spec: [rfc(6749, '5.1'), oidc('3.1.3.3', 'TokenResponse')],
  },
  (env, emit) => {
    for (const { f } of issuedTokens(env)) {
      const cc = f.responseHeaders.get('cache-control') ?? '';
      const noStore = /no-store/i.test(cc);
      emit(
        f.id,
        noStore ? 'pass' : 'fail',
        noStore
          ? 'The token response says Cache-Control: no-store.'
          : `The token response lacks Cache-Control: no-store (${cc ? `got "${cc}"` : 'no Cache-Control'}), so a cache could keep the tokens.`,
        [
          {
            exchangeId: f.id,
            label: 'Cache-Control',
            value: cc || '(none)',
            location: 'response.header.cache-control',
          },
        ],
      );
    }
  },
);
