// state.echoed: the authorization response carries the request's state byte for byte, and none if none was sent (RFC 6749 §4.1.2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationResponses, isRepeatedResponse } from './authorization-units.ts';

export default defineCheck(
  { id: 'state.echoed', severity: 'must', title: 'state echoed unchanged', spec: [rfc(6749, '4.1.2')] },
  (env, emit) => {
    for (const { rec, r, f, ev } of authorizationResponses(env)) {
      if (!rec.authzRequest || isRepeatedResponse(rec, r)) continue;
      const sent = rec.request?.get('state');
      const got = r.params.get('state');
      const reqEv = {
        exchangeId: rec.authzRequest.id,
        label: 'state (authorization request)',
        value: sent,
        location: 'request.query.state',
      };
      if (sent === undefined && got === undefined)
        emit(f.id, 'not-applicable', 'No state was sent and none came back.', [ev('state')]);
      else if (sent === got) emit(f.id, 'pass', 'The state came back exactly as sent.', [reqEv, ev('state')]);
      else if (got === undefined)
        emit(f.id, 'fail', 'The request sent a state but the response carries none.', [reqEv, ev('state')]);
      else if (sent === undefined)
        emit(f.id, 'warn', 'The response carries a state although the request sent none.', [ev('state')]);
      else
        emit(
          f.id,
          'fail',
          `The state in the response ("${got}") differs from the one sent ("${sent}"): this response is not the answer to that request.`,
          [reqEv, ev('state')],
        );
    }
  },
);
