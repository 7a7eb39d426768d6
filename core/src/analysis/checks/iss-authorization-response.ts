// iss.authorization-response: iss in the authorization response names the issuer, and is present when the metadata promises it (RFC 9207 §2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationResponses } from './authorization-units.ts';
import { metadataFor } from '../context.ts';

export default defineCheck(
  {
    id: 'iss.authorization-response',
    severity: 'must',
    title: 'iss in the authorization response names the issuer',
    spec: [rfc(9207, '2')],
  },
  (env, emit) => {
    for (const { rec, r, f, ev } of authorizationResponses(env)) {
      const meta = rec.authzRequest ? metadataFor(env.ctx, rec.authzRequest) : metadataFor(env.ctx, f);
      const iss = r.params.get('iss');
      const advertised = meta?.doc.authorization_response_iss_parameter_supported === true;
      const metaEv = meta
        ? [
            {
              exchangeId: meta.exchangeId,
              label: 'issuer (metadata)',
              value: meta.issuer,
              location: 'response.body.issuer',
            },
          ]
        : [];
      if (iss !== undefined && meta?.issuer !== undefined) {
        emit(
          f.id,
          iss === meta.issuer ? 'pass' : 'fail',
          iss === meta.issuer
            ? 'iss names the issuer the request was sent to.'
            : `iss "${iss}" is not the issuer "${meta.issuer}" the request went to (mix-up attack).`,
          [ev('iss'), ...metaEv],
        );
      } else if (advertised && iss === undefined) {
        emit(
          f.id,
          'fail',
          'The metadata promises an iss parameter in authorization responses, but this response has none.',
          [ev('iss'), ...metaEv],
        );
      }
    }
  },
);
