// api.5xx-not-401: an API whose own infrastructure failed (keys unreachable, introspection refused) answers 5xx, not 401 (practice; seed 001 step 17).
import { defineCheck } from './check.ts';
import { PRACTICE } from './spec-refs.ts';
import { challengeEvidence, resourceRequests } from './api-units.ts';
import type { AnalysisContext } from '../context.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';

/** The last failed key download captured before `f`, if any. */
function lastKeyFailure(ctx: AnalysisContext, f: ExchangeFacts): ExchangeFacts | undefined {
  for (let i = ctx.keyFailures.length - 1; i >= 0; i--) if (ctx.keyFailures[i]!.seq <= f.seq) return ctx.keyFailures[i];
  return undefined;
}

export default defineCheck(
  {
    id: 'api.5xx-not-401',
    severity: 'should',
    title: 'infrastructure failures answered 5xx, not 401',
    spec: [PRACTICE],
  },
  (env, emit) => {
    for (const f of resourceRequests(env)) {
      if (f.status === 401) {
        // A key download that failed (JWKS unreachable) makes the API's next 401 suspicious.
        const failure = lastKeyFailure(env.ctx, f);
        if (failure && f.seq - failure.seq < 20)
          emit(
            f.id,
            'fail',
            `The API answered 401 right after its key download failed (exchange ${failure.id}): an infrastructure failure should be a 5xx, not blamed on the token.`,
            [
              { exchangeId: failure.id, label: 'failed JWKS download' },
              ...challengeEvidence(f, f.responseHeaders.get('www-authenticate')),
            ],
          );
      }
      if (env.labels.get(f.id)!.has('api-5xx'))
        emit(f.id, 'pass', `The API reports its own failure as ${f.status}, not as a token problem.`, [
          { exchangeId: f.id, label: 'status', value: String(f.status) },
        ]);
    }
  },
);
