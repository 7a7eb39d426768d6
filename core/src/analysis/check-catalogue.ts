// The one table of checks, in pipeline order: each check lives in checks/<id>.ts with its catalogue record (id, severity, title, spec).
// To add a rule: give it an id in ids.ts, write checks/<id>.ts with defineCheck(), and list it below where it runs.
import type { CheckId } from './ids.ts';
import type { Check, CheckDefinition } from './checks/check.ts';
import authzImplicitLegacy from './checks/authz-implicit-legacy.ts';
import pkcePresent from './checks/pkce-present.ts';
import pkceMethodS256 from './checks/pkce-method-s256.ts';
import pkceChallengeSyntax from './checks/pkce-challenge-syntax.ts';
import statePresent from './checks/state-present.ts';
import noncePresent from './checks/nonce-present.ts';
import redirectUriLoopbackHttp from './checks/redirect-uri-loopback-http.ts';
import authzNoCors from './checks/authz-no-cors.ts';
import loginFraming from './checks/login-framing.ts';
import stateEchoed from './checks/state-echoed.ts';
import issAuthorizationResponse from './checks/iss-authorization-response.ts';
import tokensNotInUrl from './checks/tokens-not-in-url.ts';
import errorFormat from './checks/error-format.ts';
import flowRedirectLoop from './checks/flow-redirect-loop.ts';
import pkceS256Matches from './checks/pkce-s256-matches.ts';
import pkceDowngrade from './checks/pkce-downgrade.ts';
import tokenRedirectUriMatches from './checks/token-redirect-uri-matches.ts';
import tokenClientIdMatches from './checks/token-client-id-matches.ts';
import codeSingleUse from './checks/code-single-use.ts';
import clientSecretNotInBrowser from './checks/client-secret-not-in-browser.ts';
import tokenNoStore from './checks/token-no-store.ts';
import tokenType from './checks/token-type.ts';
import tokenExpiresIn from './checks/token-expires-in.ts';
import refreshTokenBrowser from './checks/refresh-token-browser.ts';
import refreshTokenReuseRefused from './checks/refresh-token-reuse-refused.ts';
import tokenCors from './checks/token-cors.ts';
import idTokenIss from './checks/id-token-iss.ts';
import idTokenAud from './checks/id-token-aud.ts';
import idTokenTimes from './checks/id-token-times.ts';
import nonceMatches from './checks/nonce-matches.ts';
import jwtAlg from './checks/jwt-alg.ts';
import jwtFormat from './checks/jwt-format.ts';
import jwtKidResolves from './checks/jwt-kid-resolves.ts';
import jwtSignature from './checks/jwt-signature.ts';
import idTokenAtHash from './checks/id-token-at-hash.ts';
import idTokenCHash from './checks/id-token-c-hash.ts';
import bearerHeader from './checks/bearer-header.ts';
import api401Challenge from './checks/api-401-challenge.ts';
import api403InsufficientScope from './checks/api-403-insufficient-scope.ts';
import api400InvalidRequest from './checks/api-400-invalid-request.ts';
import api5xxNot401 from './checks/api-5xx-not-401.ts';
import apiInvalidTokenRefused from './checks/api-invalid-token-refused.ts';
import pkceMismatchRefused from './checks/pkce-mismatch-refused.ts';
import stateMismatchDropped from './checks/state-mismatch-dropped.ts';
import userinfoBearerHeader from './checks/userinfo-bearer-header.ts';
import userinfoSubMatches from './checks/userinfo-sub-matches.ts';
import accessTokenJwtProfile from './checks/access-token-jwt-profile.ts';
import apiAccessTokenValidated from './checks/api-access-token-validated.ts';
import accessTokenNotIdToken from './checks/access-token-not-id-token.ts';
import corsPreflight from './checks/cors-preflight.ts';
import introspectionAuth from './checks/introspection-auth.ts';
import introspectionAnswerFollowsActive from './checks/introspection-answer-follows-active.ts';
import cookieAttributes from './checks/cookie-attributes.ts';
import logoutIdTokenHint from './checks/logout-id-token-hint.ts';
import metadataS256 from './checks/metadata-s256.ts';
import captureHostMatchesTarget from './checks/capture-host-matches-target.ts';
import implicitRedirectUriHttps from './checks/implicit-redirect-uri-https.ts';

export type { CheckDefinition } from './checks/check.ts';

/** Every check, in the order the analyzer runs them; within one anchor exchange, findings are listed in this order. */
export const CHECK_PIPELINE: readonly Check[] = [
  // authorization request
  authzImplicitLegacy,
  pkcePresent,
  pkceMethodS256,
  pkceChallengeSyntax,
  statePresent,
  noncePresent,
  redirectUriLoopbackHttp,
  authzNoCors,
  loginFraming,
  // authorization response
  stateEchoed,
  stateMismatchDropped,
  issAuthorizationResponse,
  tokensNotInUrl,
  errorFormat,
  flowRedirectLoop,
  // token request and response
  pkceS256Matches,
  pkceDowngrade,
  pkceMismatchRefused,
  tokenRedirectUriMatches,
  tokenClientIdMatches,
  codeSingleUse,
  clientSecretNotInBrowser,
  tokenNoStore,
  tokenType,
  tokenExpiresIn,
  refreshTokenBrowser,
  refreshTokenReuseRefused,
  tokenCors,
  // ID token and any JWT
  idTokenIss,
  idTokenAud,
  idTokenTimes,
  nonceMatches,
  jwtAlg,
  jwtFormat,
  jwtKidResolves,
  jwtSignature,
  idTokenAtHash,
  idTokenCHash,
  // resource server
  bearerHeader,
  api401Challenge,
  api403InsufficientScope,
  api400InvalidRequest,
  api5xxNot401,
  apiInvalidTokenRefused,
  accessTokenJwtProfile,
  apiAccessTokenValidated,
  accessTokenNotIdToken,
  userinfoBearerHeader,
  userinfoSubMatches,
  corsPreflight,
  introspectionAuth,
  introspectionAnswerFollowsActive,
  // sessions, cookies, logout, metadata
  cookieAttributes,
  logoutIdTokenHint,
  metadataS256,
  // the capture itself
  captureHostMatchesTarget,
  // the legacy design
  implicitRedirectUriHttps,
];

/** The catalogue: each check's record without its rule. */
export const CHECKS: readonly CheckDefinition[] = CHECK_PIPELINE.map(({ id, severity, title, spec }) => ({
  id,
  severity,
  title,
  spec,
}));

export const CHECK_BY_ID: ReadonlyMap<CheckId, CheckDefinition> = new Map(CHECKS.map((c) => [c.id, c]));

/**
 * What a message is and how its receiver handled it are judged apart. These checks judge the handling: an invalid
 * token refused, a wrong verifier refused, a response with a foreign state dropped, an infrastructure failure reported
 * as 5xx. Their pass is the receiver doing its job; the invalid artifact keeps its own failing finding.
 */
export const HANDLING_CHECK_IDS: ReadonlySet<CheckId> = new Set<CheckId>([
  'api.invalid-token-refused',
  'pkce.mismatch-refused',
  'state.mismatch-dropped',
  'api.5xx-not-401',
]);
