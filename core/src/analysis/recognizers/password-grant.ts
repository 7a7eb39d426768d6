// Recognizes the resource owner password credentials grant (RFC 6749 §4.3): the client itself posts the user's password.
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { Recognizer } from '../recognizers.ts';
import { grantType } from './request-kinds.ts';

function matchPasswordGrant(f: ExchangeFacts): string | undefined {
  if (grantType(f) !== 'password') return undefined;
  const user = f.form.get('username');
  return user ? `password grant for user ${user}` : 'password grant';
}

/** RFC 6749 §4.3.2; deprecated by the OAuth 2.0 Security BCP (RFC 9700 §2.4), still met in older apps and tests. */
export const passwordGrant: Recognizer = {
  id: 'token-password',
  looksFor: 'a token request with grant_type=password (RFC 6749 §4.3)',
  match: matchPasswordGrant,
};
