// The recognizer records of the legacy design (seed 000): the implicit flow, the call without a token, introspection's answers.
import type { Recognizer } from '../recognizers.ts';
import {
  apiCallWithoutToken,
  implicitErrorResponse,
  implicitResponseType,
  implicitTokenApiCall,
  implicitTokenResponse,
} from './implicit.ts';
import { introspectionActive, introspectionInactive, introspectionRefused } from './introspection-answers.ts';

export const implicitAuthorizationRequest: Recognizer = {
  id: 'implicit-authorization-request',
  looksFor:
    'an authorization request asking for tokens without a code: response_type token and/or id_token (RFC 6749 §4.2.1)',
  match: (f, ctx) => {
    const rt = implicitResponseType(f, ctx);
    return rt ? `implicit flow requested (response_type=${rt})` : undefined;
  },
};

export const implicitLogin: Recognizer = {
  id: 'implicit-login',
  looksFor: 'the sign-in pages and cookies of an implicit flow (set from the flow)',
  match: () => undefined,
};

export const implicitAuthorizationResponse: Recognizer = {
  id: 'implicit-authorization-response',
  looksFor: 'a redirect carrying an access token and no code (RFC 6749 §4.2.2)',
  match: (f) => {
    const p = implicitTokenResponse(f);
    if (!p) return undefined;
    const expires = p.has('expires_in') ? `, expires_in=${p.get('expires_in')}` : '';
    return `access token${p.has('id_token') ? ' and ID token' : ''} in the redirect URL${expires}`;
  },
};

export const implicitAuthorizationError: Recognizer = {
  id: 'implicit-authorization-error',
  looksFor:
    'an authorization error in the fragment of the redirect, as the implicit flow returns it (RFC 6749 §4.2.2.1)',
  match: (f) => {
    const error = implicitErrorResponse(f);
    return error ? `implicit flow error ${error} in the fragment` : undefined;
  },
};

export const introspectionRefusedEntry: Recognizer = {
  id: 'introspection-refused',
  looksFor: 'an introspection request refused for its own credentials: 401 or 403 (RFC 7662 §2.3)',
  match: introspectionRefused,
};

export const introspectionActiveEntry: Recognizer = {
  id: 'introspection-active',
  looksFor: 'an introspection answered active: true with the token details (RFC 7662 §2.2)',
  match: introspectionActive,
};

export const introspectionInactiveEntry: Recognizer = {
  id: 'introspection-inactive',
  looksFor: 'an introspection answered active: false (RFC 7662 §2.2)',
  match: introspectionInactive,
};

export const apiCallWithoutTokenEntry: Recognizer = {
  id: 'api-call-without-token',
  looksFor: 'an API call sending no token, answered 401 with a Bearer challenge, and its preflight (RFC 6750 §3.1)',
  match: apiCallWithoutToken,
  preflights: true,
};

export const implicitTokenApiCallEntry: Recognizer = {
  id: 'implicit-token-api-call',
  looksFor: 'an API call whose bearer token came from an implicit redirect (RFC 6750 §2.1)',
  match: implicitTokenApiCall,
};
