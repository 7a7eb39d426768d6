// bearer.header: an API call sends its token in the Authorization header, never in the URL query (RFC 6750 §2; RFC 9700 §4.3.2).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { labelled } from './units.ts';
import { tokenPlacement } from './api-units.ts';

const VERDICT = {
  header: ['pass', 'The token is sent in the Authorization header.'],
  query: ['fail', 'The access token is sent in the URL query, where logs and history keep it.'],
  form: ['warn', 'The access token is sent in the form body; the Authorization header is preferred.'],
} as const;

export default defineCheck(
  {
    id: 'bearer.header',
    severity: 'must',
    title: 'bearer token in the Authorization header',
    spec: [rfc(6750, '2'), rfc(9700, '4.3.2')],
  },
  (env, emit) => {
    for (const f of labelled(env, 'api-call')) {
      const placed = tokenPlacement(f);
      if (placed) emit(f.id, VERDICT[placed.where][0], VERDICT[placed.where][1], [placed.ev]);
    }
  },
);
