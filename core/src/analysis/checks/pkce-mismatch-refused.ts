// pkce.mismatch-refused: a token request whose code_verifier does not match the challenge (or is missing) gets no tokens (RFC 7636 §4.6).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { isRedactedPlaceholder } from '../../redaction/placeholders.ts';
import { tokenRequests } from './token-units.ts';

export default defineCheck(
  {
    id: 'pkce.mismatch-refused',
    severity: 'must',
    title: 'authorization server refuses a code_verifier that does not match',
    spec: [rfc(7636, '4.6')],
  },
  async (env, emit) => {
    for (const { rec, f, grant, ok, ev } of tokenRequests(env)) {
      const challenge = rec.request?.get('code_challenge');
      if (grant !== 'authorization_code' || !rec.authzRequest || challenge === undefined) continue;
      const verifier = f.form.get('code_verifier');
      if ([verifier, challenge].some((v) => v !== undefined && isRedactedPlaceholder(v))) continue;
      const method = rec.request?.get('code_challenge_method') ?? 'plain';
      if (verifier !== undefined) {
        const computed = method === 'S256' ? await env.crypto.pkceS256(verifier) : verifier;
        if (computed === challenge) continue;
      }
      const what =
        verifier === undefined
          ? 'The token request has no code_verifier'
          : 'The code_verifier does not match the challenge';
      const evidence = [
        ev('code_verifier'),
        { exchangeId: f.id, label: 'token endpoint status', value: String(f.status) },
        ...(typeof f.responseJson?.error === 'string'
          ? [{ exchangeId: f.id, label: 'error', value: f.responseJson.error, location: 'response.body.error' }]
          : []),
      ];
      if (ok) emit(f.id, 'fail', `${what}, yet the server issued tokens: it must refuse them.`, evidence);
      else if (f.status >= 400)
        emit(f.id, 'pass', `${what}, and the server refused to issue tokens (${f.status}), as it must.`, evidence);
    }
  },
);
