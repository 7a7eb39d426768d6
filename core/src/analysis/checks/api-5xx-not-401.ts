// api.5xx-not-401: an API whose own infrastructure failed while serving a call (keys unreachable, introspection refused) answers 5xx, not 401 (RFC 6750 §3.1; seed 001 step 17).
import { exchangeLabel } from '../../exchange-number.ts';
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { challengeEvidence, resourceRequests } from './api-units.ts';
import { servedCalls } from '../links.ts';
import { isKeyFailure, type AnalysisContext } from '../context.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';

/** The back-channel call made while serving `f` that failed: a key download or an introspection the AS refused. */
function failedBackChannel(ctx: AnalysisContext, f: ExchangeFacts): { call: ExchangeFacts; what: string } | undefined {
  for (const call of servedCalls(ctx, f)) {
    if (isKeyFailure(call, ctx.endpoints)) return { call, what: 'its key download' };
    const introspection = ctx.endpoints.get(call.endpoint)?.kind === 'introspection' || /introspect/i.test(call.path);
    if (introspection && call.exchange._state !== 'pending' && (call.status === 0 || call.status >= 400))
      return { call, what: 'its introspection request' };
  }
  return undefined;
}

export default defineCheck(
  {
    id: 'api.5xx-not-401',
    severity: 'should',
    title: 'infrastructure failures answered 5xx, not 401',
    spec: [rfc(6750, '3.1'), rfc(9110, '15.6.1')],
  },
  (env, emit) => {
    for (const f of resourceRequests(env)) {
      const failure = failedBackChannel(env.ctx, f);
      const failureEv = failure
        ? [
            {
              exchangeId: failure.call.id,
              label: `failed back-channel call (${failure.what})`,
              value: String(failure.call.status),
            },
          ]
        : [];
      if (f.status === 401 && failure)
        emit(
          f.id,
          'fail',
          `The API answered 401 although ${failure.what} (exchange ${exchangeLabel(failure.call.exchange)}, made while serving this call) failed: the token was never judged, so a 5xx was due, not a verdict on the token.`,
          [...failureEv, ...challengeEvidence(f, f.responseHeaders.get('www-authenticate'))],
        );
      if (env.labels.get(f.id)!.has('api-5xx'))
        emit(
          f.id,
          'pass',
          failure
            ? `${failure.what[0]!.toUpperCase()}${failure.what.slice(1)} failed (exchange ${exchangeLabel(failure.call.exchange)}, made while serving this call), and the API reports its own failure as ${f.status}, not as a token problem.`
            : `The API reports its own failure as ${f.status}, not as a token problem.`,
          [{ exchangeId: f.id, label: 'status', value: String(f.status) }, ...failureEv],
        );
    }
  },
);
