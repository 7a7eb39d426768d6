// token.cors: the token endpoint's Access-Control-Allow-Origin lets the SPA read its answer (OAuth for Browser-Based Apps; Fetch CORS).
import { defineCheck } from './check.ts';
import { BBA, FETCH } from './spec-refs.ts';
import { issuedTokens } from './token-units.ts';

export default defineCheck(
  { id: 'token.cors', severity: 'must', title: "token endpoint allows the SPA's origin", spec: [BBA, FETCH] },
  (env, emit) => {
    for (const { f, origin } of issuedTokens(env)) {
      if (origin === undefined) continue;
      const acao = f.responseHeaders.get('access-control-allow-origin');
      const ok = acao === origin || acao === '*';
      emit(
        f.id,
        ok ? 'pass' : 'fail',
        ok
          ? `The token endpoint allows origin ${origin}.`
          : `The token endpoint does not allow origin ${origin} (Access-Control-Allow-Origin: ${acao ?? 'none'}); the browser hides the response from the app.`,
        [
          {
            exchangeId: f.id,
            label: 'Access-Control-Allow-Origin',
            value: acao ?? '(none)',
            location: 'response.header.access-control-allow-origin',
          },
        ],
      );
    }
  },
);
