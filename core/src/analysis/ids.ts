// The stable ids of recognizers (what an exchange is) and checks (whether it is right): lessons and tests name these.

/**
 * Recognizers label exchanges by protocol meaning (GUIDE §3.4). An exchange can carry several labels
 * (a token response that also sets a cookie). Order here is the order the inspector lists them in.
 */
export const RECOGNIZER_IDS = [
  'app-config', // a browser app downloading a JSON document that names an authority / issuer and client id
  'discovery', // OpenID Connect discovery or RFC 8414 authorization server metadata
  'jwks', // a JSON Web Key Set
  'authorization-request', // front channel request with response_type and client_id
  'implicit-authorization-request', // ... asking for tokens without a code (response_type token and/or id_token)
  'login-page', // the authorization server's login form (HTML shown during an authorization)
  'login-submit', // the credentials posted to the authorization server
  'sso-cookie', // a session cookie set by the authorization server
  'implicit-login', // the sign-in exchanges of an implicit flow (set from the flow)
  'authorization-response', // the redirect back to the client with code (or tokens) and state
  'implicit-authorization-response', // the redirect carrying an access token and no code (implicit flow)
  'authorization-error', // the redirect back to the client with error, error_description, state
  'implicit-authorization-error', // an authorization error in the redirect's fragment (implicit flow)
  'authorization-error-page', // the authorization server answering an unknown client / redirect URI with a page
  'sso-silent-login', // an authorization request answered with a code and no login page (SSO session)
  'token-authorization-code', // grant_type=authorization_code
  'token-refresh', // grant_type=refresh_token
  'token-client-credentials', // grant_type=client_credentials
  'token-password', // grant_type=password (resource owner password credentials)
  'token-device-code', // device authorization request or grant_type=urn:ietf:params:oauth:grant-type:device_code
  'token-error', // a token endpoint answering with an OAuth error
  'userinfo', // the OpenID Connect UserInfo endpoint
  'introspection', // RFC 7662 token introspection
  'introspection-refused', // ... refused for the caller's own credentials (401 / 403)
  'introspection-active', // ... answered active: true
  'introspection-inactive', // ... answered active: false
  'revocation', // RFC 7009 token revocation
  'logout', // RP-initiated logout (end_session_endpoint)
  'cors-preflight', // an OPTIONS request with Access-Control-Request-Method
  'api-call-without-token', // an API call with no token, answered 401 with a Bearer challenge (and its preflight)
  'api-call', // a resource request carrying a bearer token
  'implicit-token-api-call', // ... whose token came from an implicit redirect
  'api-success', // ... answered 2xx
  'api-401', // ... answered 401
  'api-403', // ... answered 403 or 404 for another user's data
  'api-5xx', // ... answered 5xx
  'redirect-loop', // the same client starting authorization again and again within seconds
  'other', // none of the above
] as const;

export type RecognizerId = (typeof RECOGNIZER_IDS)[number];

/** Checks from shared/oauth-checks.md; each record in the analyzer carries its spec section. */
export const CHECK_IDS = [
  // authorization request
  'authz.implicit-legacy',
  'pkce.present',
  'pkce.method-s256',
  'pkce.challenge-syntax',
  'state.present',
  'nonce.present',
  'redirect-uri.loopback-http',
  'authz.no-cors',
  'login.framing',
  // authorization response
  'state.echoed',
  'state.mismatch-dropped', // added: how the client handled a response whose state did not match
  'iss.authorization-response',
  'tokens.not-in-url',
  'error.format',
  'flow.redirect-loop',
  // token request and response
  'pkce.s256-matches',
  'pkce.downgrade',
  'pkce.mismatch-refused', // added: how the server handled a wrong verifier, apart from what the verifier is
  'token.redirect-uri-matches',
  'token.client-id-matches',
  'code.single-use',
  'client-secret.not-in-browser',
  'token.no-store',
  'token.type',
  'token.expires-in',
  'refresh-token.browser',
  'refresh-token.reuse-refused',
  'token.cors',
  // ID token (and any JWT)
  'id-token.iss',
  'id-token.aud',
  'id-token.times',
  'nonce.matches',
  'jwt.alg',
  'jwt.kid-resolves',
  'jwt.signature',
  'id-token.at-hash',
  'id-token.c-hash',
  'jwt.format', // added: a value in a token position that claims to be a JWT but cannot be decoded as one
  // resource server
  'bearer.header',
  'api.401-challenge',
  'api.403-insufficient-scope',
  'api.400-invalid-request',
  'api.5xx-not-401',
  'api.invalid-token-refused', // added: how the API handled an invalid token, apart from what the token is
  'access-token.jwt-profile',
  'api.access-token-validated',
  'access-token.not-id-token',
  'userinfo.bearer-header', // added: the UserInfo request sends the access token in the Authorization header
  'userinfo.sub-matches', // added: UserInfo's sub equals the ID token's sub
  'cors.preflight',
  'introspection.auth',
  'introspection.answer-follows-active',
  // sessions, cookies, logout, metadata
  'cookie.attributes',
  'logout.id-token-hint',
  'metadata.s256',
  // the capture itself
  'capture.host-matches-target', // added: the Host header names the authority the proxy connected to
  'implicit.redirect-uri-https', // added: tokens in the redirect URL go to an https redirect URI (legacy track)
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export function isRecognizerId(value: string): value is RecognizerId {
  return (RECOGNIZER_IDS as readonly string[]).includes(value);
}

export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}
