// cors.preflight: a preflight is answered with Access-Control-Allow-Origin for the origin and allows the Authorization header (Fetch standard, CORS).
import { defineCheck } from './check.ts';
import { FETCH } from './spec-refs.ts';
import { labelled } from './units.ts';

export default defineCheck(
  {
    id: 'cors.preflight',
    severity: 'must',
    title: 'preflight allows the origin and the Authorization header',
    spec: [FETCH],
  },
  (env, emit) => {
    for (const f of labelled(env, 'cors-preflight')) {
      const origin = f.requestHeaders.get('origin');
      const acao = f.responseHeaders.get('access-control-allow-origin');
      const wantsAuth = /authorization/i.test(f.requestHeaders.get('access-control-request-headers') ?? '');
      const acah = f.responseHeaders.get('access-control-allow-headers') ?? '';
      const originOk = acao !== undefined && (acao === '*' || acao === origin);
      const headersOk = !wantsAuth || /authorization|\*/i.test(acah);
      const message =
        originOk && headersOk
          ? `The preflight allows ${origin ?? 'the origin'}${wantsAuth ? ' and the Authorization header' : ''}.`
          : !originOk
            ? `The preflight does not allow origin ${origin ?? '?'} (Access-Control-Allow-Origin: ${acao ?? 'none'}).`
            : 'The preflight does not allow the Authorization header.';
      emit(f.id, originOk && headersOk ? 'pass' : 'fail', message, [
        {
          exchangeId: f.id,
          label: 'Access-Control-Allow-Origin',
          value: acao ?? '(none)',
          location: 'response.header.access-control-allow-origin',
        },
        {
          exchangeId: f.id,
          label: 'Access-Control-Allow-Headers',
          value: acah || '(none)',
          location: 'response.header.access-control-allow-headers',
        },
      ]);
    }
  },
);
