// flow.redirect-loop: one client does not start authorization again and again within seconds (practice; seed article, step 20).
import { defineCheck } from './check.ts';
import { PRACTICE } from './spec-refs.ts';

export default defineCheck(
  { id: 'flow.redirect-loop', severity: 'should', title: 'no redirect loop', spec: [PRACTICE] },
  (env, emit) => {
    for (const loop of env.flows.loops) {
      const first = loop[0]!;
      const last = loop[loop.length - 1]!;
      emit(
        last.id,
        'fail',
        `${loop.length} authorization requests from client ${first.query.get('client_id') ?? '?'} within ${Math.round((last.time - first.time) / 1000)} s: the app keeps redirecting to log in.`,
        loop.map((g) => ({
          exchangeId: g.id,
          label: 'authorization request',
          value: g.query.get('state'),
          location: 'request.query.state',
        })),
      );
    }
  },
);
