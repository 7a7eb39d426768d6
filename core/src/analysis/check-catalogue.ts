// One readable table of every check: id, severity, title and the specification sections it rests on.
import type { CheckId } from './ids.ts';
import type { Severity, SpecRef } from './types.ts';

const rfc = (n: number, section: string, anchor = `section-${section}`): SpecRef => ({ label: `RFC ${n} §${section}`, url: `https://www.rfc-editor.org/rfc/rfc${n}#${anchor}` });
const oidc = (section: string, anchor: string): SpecRef => ({ label: `OIDC Core §${section}`, url: `https://openid.net/specs/openid-connect-core-1_0.html#${anchor}` });
const BBA: SpecRef = { label: 'OAuth 2.0 for Browser-Based Applications', url: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps' };
const FETCH: SpecRef = { label: 'Fetch standard: CORS protocol', url: 'https://fetch.spec.whatwg.org/#http-cors-protocol' };
const PRACTICE: SpecRef = { label: 'Practice (seed article, step 20)', url: 'https://www.rfc-editor.org/rfc/rfc9700' };

export interface CheckDefinition {
  id: CheckId;
  severity: Severity;
  title: string;
  spec: SpecRef[];
}

export const CHECKS: readonly CheckDefinition[] = [
  // authorization request
  { id: 'authz.implicit-legacy', severity: 'should', title: 'No tokens straight from the authorization endpoint (implicit is legacy)', spec: [rfc(9700, '2.1.2')] },
  { id: 'pkce.present', severity: 'must', title: 'PKCE code_challenge sent', spec: [rfc(9700, '2.1.1')] },
  { id: 'pkce.method-s256', severity: 'should', title: 'PKCE method is S256', spec: [rfc(7636, '4.2'), rfc(7636, '4.3')] },
  { id: 'pkce.challenge-syntax', severity: 'must', title: 'code_challenge has the right syntax', spec: [rfc(7636, '4.2')] },
  { id: 'state.present', severity: 'should', title: 'state present and hard to guess', spec: [rfc(6749, '10.12'), rfc(9700, '2.1')] },
  { id: 'nonce.present', severity: 'must', title: 'nonce sent when the ID token comes from the front channel', spec: [oidc('3.2.2.1', 'ImplicitAuthRequest'), rfc(9700, '2.1.1')] },
  { id: 'redirect-uri.loopback-http', severity: 'must', title: 'plain http redirect URIs only for loopback', spec: [rfc(9700, '2.6')] },
  { id: 'authz.no-cors', severity: 'should', title: 'authorization endpoint does not allow CORS', spec: [rfc(9700, '2.6')] },
  { id: 'login.framing', severity: 'should', title: 'login page refuses to be framed', spec: [rfc(9700, '4.16')] },
  // authorization response
  { id: 'state.echoed', severity: 'must', title: 'state echoed unchanged', spec: [rfc(6749, '4.1.2')] },
  { id: 'iss.authorization-response', severity: 'must', title: 'iss in the authorization response names the issuer', spec: [rfc(9207, '2')] },
  { id: 'tokens.not-in-url', severity: 'should', title: 'no tokens in URLs', spec: [rfc(9700, '4.3.2')] },
  { id: 'error.format', severity: 'must', title: 'error response uses a registered code and allowed characters', spec: [rfc(6749, '4.1.2.1')] },
  { id: 'flow.redirect-loop', severity: 'should', title: 'no redirect loop', spec: [PRACTICE] },
  // token request and response
  { id: 'pkce.s256-matches', severity: 'must', title: 'code_verifier matches the code_challenge', spec: [rfc(7636, '4.6'), rfc(7636, 'B', 'appendix-B')] },
  { id: 'pkce.downgrade', severity: 'must', title: 'no code_verifier without an earlier code_challenge', spec: [rfc(9700, '4.8')] },
  { id: 'token.redirect-uri-matches', severity: 'must', title: 'redirect_uri same as in the authorization request', spec: [rfc(6749, '4.1.3')] },
  { id: 'token.client-id-matches', severity: 'must', title: 'same client as the authorization request', spec: [rfc(6749, '4.1.3')] },
  { id: 'code.single-use', severity: 'must', title: 'an authorization code works only once', spec: [rfc(6749, '4.1.2')] },
  { id: 'client-secret.not-in-browser', severity: 'must', title: 'no client secret sent from a browser', spec: [BBA] },
  { id: 'token.no-store', severity: 'must', title: 'token response is not cached', spec: [rfc(6749, '5.1'), oidc('3.1.3.3', 'TokenResponse')] },
  { id: 'token.type', severity: 'must', title: 'token_type is Bearer (or DPoP with a proof)', spec: [rfc(6749, '5.1'), rfc(9449, '5')] },
  { id: 'token.expires-in', severity: 'should', title: 'expires_in positive and not too long', spec: [rfc(6749, '5.1')] },
  { id: 'refresh-token.browser', severity: 'should', title: 'refresh tokens in a browser are rotated', spec: [rfc(9700, '2.2.2'), rfc(9700, '4.14.2')] },
  { id: 'refresh-token.reuse-refused', severity: 'must', title: 'a refresh token already used is refused', spec: [rfc(9700, '4.14.2')] },
  { id: 'token.cors', severity: 'must', title: "token endpoint allows the SPA's origin", spec: [BBA, FETCH] },
  // ID token and any JWT
  { id: 'id-token.iss', severity: 'must', title: 'iss equals the discovered issuer', spec: [oidc('3.1.3.7', 'IDTokenValidation')] },
  { id: 'id-token.aud', severity: 'must', title: 'aud contains the client id (azp when several)', spec: [oidc('3.1.3.7', 'IDTokenValidation')] },
  { id: 'id-token.times', severity: 'must', title: 'not expired, not issued in the future at capture time', spec: [oidc('3.1.3.7', 'IDTokenValidation')] },
  { id: 'nonce.matches', severity: 'must', title: "ID token nonce equals the request's nonce", spec: [oidc('3.1.3.7', 'IDTokenValidation')] },
  { id: 'jwt.alg', severity: 'must', title: 'signing algorithm acceptable', spec: [oidc('3.1.3.7', 'IDTokenValidation'), rfc(8725, '3.1')] },
  { id: 'jwt.format', severity: 'must', title: 'a JWT is well-formed (three base64url parts, JSON header and claims)', spec: [rfc(7519, '7.2'), rfc(7515, '7.1')] },
  { id: 'jwt.kid-resolves', severity: 'should', title: 'kid found in a captured key set', spec: [oidc('10.1.1', 'RotateSigKeys')] },
  { id: 'jwt.signature', severity: 'must', title: 'signature verifies against the captured key set', spec: [oidc('3.1.3.7', 'IDTokenValidation'), rfc(7515, '5.2')] },
  { id: 'id-token.at-hash', severity: 'must', title: 'at_hash matches the access token', spec: [oidc('3.1.3.8', 'CodeIDToken'), oidc('3.2.2.9', 'ImplicitTokenValidation')] },
  { id: 'id-token.c-hash', severity: 'must', title: 'c_hash matches the code', spec: [oidc('3.3.2.11', 'HybridIDToken')] },
  // resource server
  { id: 'bearer.header', severity: 'must', title: 'bearer token in the Authorization header', spec: [rfc(6750, '2'), rfc(9700, '4.3.2')] },
  { id: 'api.401-challenge', severity: 'must', title: '401 carries WWW-Authenticate: Bearer (invalid_token for a bad token)', spec: [rfc(6750, '3'), rfc(6750, '3.1')] },
  { id: 'api.403-insufficient-scope', severity: 'should', title: '403 Bearer challenge names insufficient_scope', spec: [rfc(6750, '3.1')] },
  { id: 'api.400-invalid-request', severity: 'should', title: '400 Bearer challenge names invalid_request', spec: [rfc(6750, '3.1')] },
  { id: 'api.5xx-not-401', severity: 'should', title: 'infrastructure failures answered 5xx, not 401', spec: [PRACTICE] },
  { id: 'access-token.jwt-profile', severity: 'should', title: 'JWT access token follows RFC 9068 (typ, claims, alg, issuer)', spec: [rfc(9068, '2'), rfc(9068, '4')] },
  { id: 'api.access-token-validated', severity: 'must', title: 'API serves only JWT access tokens meant for it and not expired', spec: [rfc(9068, '4')] },
  { id: 'access-token.not-id-token', severity: 'must', title: 'ID token not used as an access token', spec: [rfc(9068, '2.1'), rfc(9700, '2.3')] },
  { id: 'cors.preflight', severity: 'must', title: 'preflight allows the origin and the Authorization header', spec: [FETCH] },
  { id: 'introspection.auth', severity: 'must', title: 'introspection caller authenticates', spec: [rfc(7662, '2.1')] },
  { id: 'introspection.answer-follows-active', severity: 'must', title: "API's answer follows the introspection's active", spec: [rfc(7662, '2.2')] },
  // sessions, cookies, logout, metadata
  { id: 'cookie.attributes', severity: 'should', title: 'session cookie attributes sound', spec: [{ label: 'RFC 6265bis §4.1.2', url: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-4.1.2' }] },
  { id: 'logout.id-token-hint', severity: 'should', title: 'logout sends id_token_hint', spec: [{ label: 'OpenID RP-Initiated Logout 1.0 §2', url: 'https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout' }] },
  { id: 'metadata.s256', severity: 'should', title: 'metadata advertises S256 PKCE', spec: [rfc(8414, '2'), rfc(9700, '2.1.1')] },
];

export const CHECK_BY_ID: ReadonlyMap<CheckId, CheckDefinition> = new Map(CHECKS.map((c) => [c.id, c]));
