// token.type: token_type is Bearer (case-insensitive), or DPoP when the request sent a proof (RFC 6749 §5.1; RFC 9449 §5).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { issuedTokens } from './token-units.ts';

export default defineCheck(
  {
    id: 'token.type',
    severity: 'must',
    title: 'token_type is Bearer (or DPoP with a proof)',
    spec: [rfc(6749, '5.1'), rfc(9449, '5')],
  },
  (env, emit) => {
    for (const { f, body } of issuedTokens(env)) {
      const tokenType = typeof body.token_type === 'string' ? body.token_type : '';
      const dpop = f.requestHeaders.has('dpop');
      const typeOk = tokenType.toLowerCase() === 'bearer' || (tokenType.toLowerCase() === 'dpop' && dpop);
      emit(
        f.id,
        typeOk ? 'pass' : 'fail',
        typeOk
          ? `token_type is ${tokenType}.`
          : `token_type is "${tokenType || '(missing)'}"; expected Bearer${dpop ? ' or DPoP' : ''}.`,
        [{ exchangeId: f.id, label: 'token_type', value: tokenType, location: 'response.body.token_type' }],
      );
    }
  },
);
