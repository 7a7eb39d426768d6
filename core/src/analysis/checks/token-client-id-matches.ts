// token.client-id-matches: the client redeeming a code is the one that asked for it (RFC 6749 §4.1.3).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { clientCredentials } from '../../http/basic-credentials.ts';
import { tokenRequests } from './token-units.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';

/** The client of a token request: client_id in the form, or the user name of HTTP Basic authentication. */
function clientIdOf(f: ExchangeFacts): string | undefined {
  const fromForm = f.form.get('client_id');
  if (fromForm) return fromForm;
  if (f.authScheme !== 'basic') return undefined;
  return clientCredentials(f.requestHeaders.get('authorization'))?.clientId;
}

export default defineCheck(
  {
    id: 'token.client-id-matches',
    severity: 'must',
    title: 'same client as the authorization request',
    spec: [rfc(6749, '4.1.3')],
  },
  (env, emit) => {
    for (const { rec, f, grant } of tokenRequests(env)) {
      const sent = grant === 'authorization_code' ? rec.request?.get('client_id') : undefined;
      const client = clientIdOf(f);
      if (sent === undefined || client === undefined) continue;
      emit(
        f.id,
        client === sent ? 'pass' : 'fail',
        client === sent
          ? 'The same client redeems the code it asked for.'
          : `Client "${client}" redeems a code issued to "${sent}".`,
        [
          { exchangeId: f.id, label: 'client_id (token request)', value: client },
          {
            exchangeId: rec.authzRequest!.id,
            label: 'client_id (authorization request)',
            value: sent,
            location: 'request.query.client_id',
          },
        ],
      );
    }
  },
);
