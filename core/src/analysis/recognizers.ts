// The table of recognizers: each labels an exchange by protocol meaning (GUIDE §3.4), never by the sample's URLs.
import type { RecognizerId } from './ids.ts';
import type { ExchangeFacts } from './exchange-facts.ts';
import { isJwks, isMetadataDocument, type AnalysisContext } from './context.ts';
import { namesAuthorityAndClientId } from './recognizers/app-config.ts';
import { authorizationResponseParams } from './recognizers/authorization-response-params.ts';
import { passwordGrant } from './recognizers/password-grant.ts';
import { grantType, isApiCall, isAuthorizationRequest, isTokenRequest, kindOf } from './recognizers/request-kinds.ts';
import { sessionCookies } from './recognizers/session-cookies.ts';
import { isIntrospection } from './recognizers/introspection-answers.ts';
import * as legacy from './recognizers/legacy-entries.ts';

export interface Recognizer {
  id: RecognizerId;
  /** What the recognizer looks for, in a phrase (shown by the CLI's --help and the inspector). */
  looksFor: string;
  /** A short summary when the exchange matches, undefined otherwise. */
  match(f: ExchangeFacts, ctx: AnalysisContext): string | undefined;
  /**
   * Whether it judges CORS preflights. An OPTIONS request is at most a preflight, asking the server's permission and
   * no protocol call itself, so only these recognizers look at one.
   */
  preflights?: true;
}

const LOGIN_FIELD = /^(password|passwd|pass|pwd|username|user|login|email)$/i;

/** One readable table: the order here is the order labels are listed in. */
export const RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'app-config',
    looksFor: 'a browser download of a JSON document naming an authority / issuer and a client id',
    match: (f, ctx) => {
      if (
        f.exchange._channel === 'back-channel' ||
        f.method !== 'GET' ||
        !f.responseJson ||
        isMetadataDocument(f) ||
        isJwks(f)
      )
        return undefined;
      if (ctx.asOrigins.has(f.origin) && ctx.endpoints.has(f.endpoint)) return undefined;
      return namesAuthorityAndClientId(f.responseJson)
        ? 'app configuration naming its authorization server and client id'
        : undefined;
    },
  },
  {
    id: 'discovery',
    looksFor: 'OpenID Connect discovery or RFC 8414 metadata: JSON with issuer and endpoints',
    match: (f) => (isMetadataDocument(f) ? `metadata of issuer ${String(f.responseJson?.issuer)}` : undefined),
  },
  {
    id: 'jwks',
    looksFor: 'a JSON Web Key Set (RFC 7517 §5)',
    match: (f) => (isJwks(f) ? `key set with ${(f.responseJson!.keys as unknown[]).length} key(s)` : undefined),
  },
  {
    id: 'authorization-request',
    looksFor: 'a front-channel request with response_type and client_id (RFC 6749 §4.1.1)',
    match: (f, ctx) => {
      if (!isAuthorizationRequest(f, ctx)) return undefined;
      const p = f.query.has('client_id') ? f.query : f.form;
      const pkce = p.has('code_challenge') ? ' with PKCE' : '';
      // OIDC Core §3.1.2.1: prompt=none asks for no user interaction at all (a silent renewal); login forces one.
      const prompt = p.get('prompt');
      const promptText = prompt === 'none' ? ', silent (prompt=none)' : prompt ? `, prompt=${prompt}` : '';
      return `authorization request (response_type=${p.get('response_type') ?? '?'}${pkce}${promptText}) for client ${p.get('client_id') ?? '?'}`;
    },
  },
  legacy.implicitAuthorizationRequest,
  {
    id: 'login-page',
    looksFor:
      "the authorization server's login form (HTML with a password field, or HTML from the server during a login)",
    match: (f, ctx) => {
      if (
        f.method !== 'GET' ||
        f.status !== 200 ||
        !f.responseMime.includes('html') ||
        (isAuthorizationRequest(f, ctx) && !/type=["']?password/i.test(f.responseHtml))
      )
        return undefined;
      if (/type=["']?password/i.test(f.responseHtml)) return 'login form with a password field';
      return ctx.asOrigins.has(f.origin) && !ctx.endpoints.has(f.endpoint)
        ? 'page of the authorization server shown during a login'
        : undefined;
    },
  },
  {
    id: 'login-submit',
    looksFor: 'credentials posted to the authorization server',
    match: (f, ctx) => {
      if (f.method !== 'POST' || isTokenRequest(f, ctx) || isAuthorizationRequest(f, ctx) || f.bearer) return undefined;
      const kind = kindOf(f, ctx);
      if (kind && kind !== 'authorization') return undefined;
      const fields = [...f.form.keys(), ...Object.keys(f.requestJson ?? {})];
      if (fields.some((k) => LOGIN_FIELD.test(k))) return 'sign-in form submitted';
      return ctx.asOrigins.has(f.origin) && !authorizationResponseParams(f) && !f.form.has('token')
        ? 'form posted to the authorization server during a login'
        : undefined;
    },
  },
  {
    id: 'sso-cookie',
    looksFor: 'a session cookie set by the authorization server',
    match: (f, ctx) => {
      const cookies = sessionCookies(f, ctx);
      return cookies.length > 0 ? `session cookie ${cookies.map((c) => c.name).join(', ')} set` : undefined;
    },
  },
  legacy.implicitLogin,
  {
    id: 'authorization-response',
    looksFor: 'the redirect back to the client carrying a code or tokens (query, fragment or form_post)',
    match: (f) => {
      const r = authorizationResponseParams(f);
      if (!r || r.params.has('error')) return undefined;
      const what = [...r.params.keys()]
        .filter((k) => ['code', 'id_token', 'access_token', 'state', 'iss'].includes(k))
        .join(', ');
      return `authorization response (${what}) in ${r.where.replace('response.', '').replace('request.', '')}`;
    },
  },
  legacy.implicitAuthorizationResponse,
  {
    id: 'authorization-error',
    looksFor: 'the redirect back to the client carrying error and error_description (RFC 6749 §4.1.2.1)',
    match: (f) => {
      const r = authorizationResponseParams(f);
      return r?.params.has('error') ? `authorization error ${r.params.get('error')}` : undefined;
    },
  },
  legacy.implicitAuthorizationError,
  {
    id: 'authorization-error-page',
    looksFor:
      'an authorization request answered with an error page instead of a redirect (unknown client or redirect URI)',
    match: (f, ctx) =>
      isAuthorizationRequest(f, ctx) && f.status >= 400 && !f.hasLocation
        ? `authorization server refused the request with ${f.status}`
        : undefined,
  },
  {
    id: 'sso-silent-login',
    looksFor: 'an authorization answered with a code and no login page (set from the flow)',
    match: () => undefined,
  },
  {
    id: 'token-authorization-code',
    looksFor: 'a token request with grant_type=authorization_code (RFC 6749 §4.1.3)',
    match: (f) => (grantType(f) === 'authorization_code' ? 'code exchanged for tokens' : undefined),
  },
  {
    id: 'token-refresh',
    looksFor: 'a token request with grant_type=refresh_token (RFC 6749 §6)',
    match: (f) => (grantType(f) === 'refresh_token' ? 'tokens refreshed' : undefined),
  },
  {
    id: 'token-client-credentials',
    looksFor: 'a token request with grant_type=client_credentials (RFC 6749 §4.4)',
    match: (f) => (grantType(f) === 'client_credentials' ? 'client credentials grant' : undefined),
  },
  passwordGrant,
  {
    id: 'token-device-code',
    looksFor: 'a device authorization request or the device_code grant (RFC 8628)',
    match: (f, ctx) => {
      if (grantType(f) === 'urn:ietf:params:oauth:grant-type:device_code') return 'device code polled for tokens';
      if (
        f.method === 'POST' &&
        (kindOf(f, ctx) === 'device-authorization' ||
          (typeof f.responseJson?.device_code === 'string' && typeof f.responseJson?.user_code === 'string'))
      )
        return 'device authorization request';
      return undefined;
    },
  },
  {
    id: 'token-error',
    looksFor: 'a token endpoint answering with an OAuth error (RFC 6749 §5.2)',
    match: (f, ctx) =>
      isTokenRequest(f, ctx) && (typeof f.responseJson?.error === 'string' || f.status >= 400)
        ? `token error ${String(f.responseJson?.error ?? f.status)}`
        : undefined,
  },
  {
    id: 'userinfo',
    looksFor: 'the OpenID Connect UserInfo endpoint (OIDC Core §5.3)',
    match: (f, ctx) =>
      kindOf(f, ctx) === 'userinfo' ||
      (/\/userinfo/i.test(f.path) && (f.bearer !== undefined || f.form.has('access_token')))
        ? 'user info requested'
        : undefined,
  },
  {
    id: 'introspection',
    looksFor: 'RFC 7662 token introspection',
    match: (f, ctx) =>
      isIntrospection(f, ctx)
        ? `token introspected${typeof f.responseJson?.active === 'boolean' ? ` (active: ${f.responseJson.active})` : ''}`
        : undefined,
  },
  legacy.introspectionRefusedEntry,
  legacy.introspectionActiveEntry,
  legacy.introspectionInactiveEntry,
  {
    id: 'revocation',
    looksFor: 'RFC 7009 token revocation',
    match: (f, ctx) =>
      f.method === 'POST' &&
      (kindOf(f, ctx) === 'revocation' || (/revo(ke|cation)/i.test(f.path) && f.form.has('token')))
        ? 'token revoked'
        : undefined,
  },
  {
    id: 'logout',
    looksFor: 'RP-initiated logout at the end_session_endpoint (OpenID RP-Initiated Logout 1.0)',
    match: (f, ctx) => {
      if (kindOf(f, ctx) === 'end-session') return 'logout at the end-session endpoint';
      if (
        f.query.has('id_token_hint') ||
        f.query.has('post_logout_redirect_uri') ||
        f.form.has('id_token_hint') ||
        f.form.has('post_logout_redirect_uri')
      )
        return 'logout request';
      return ctx.asOrigins.has(f.origin) && /(logout|end_?session|signout|sign-out)/i.test(f.path)
        ? 'logout at the authorization server'
        : undefined;
    },
  },
  {
    id: 'cors-preflight',
    looksFor: 'an OPTIONS request with Access-Control-Request-Method (Fetch standard)',
    preflights: true,
    match: (f) =>
      f.method === 'OPTIONS' && f.requestHeaders.has('access-control-request-method')
        ? `preflight for ${f.requestHeaders.get('access-control-request-method')} ${f.path}`
        : undefined,
  },
  legacy.apiCallWithoutTokenEntry,
  {
    id: 'api-call',
    looksFor: 'a resource request carrying a bearer token (RFC 6750)',
    match: (f, ctx) => (isApiCall(f, ctx) ? `API ${f.method} ${f.path} → ${f.status || 'no response'}` : undefined),
  },
  legacy.implicitTokenApiCallEntry,
  {
    id: 'api-success',
    looksFor: 'an API call answered 2xx',
    match: (f, ctx) =>
      f.status >= 200 && f.status < 300 && isApiCall(f, ctx) ? `API answered ${f.status}` : undefined,
  },
  {
    id: 'api-401',
    looksFor: 'an API call answered 401',
    match: (f, ctx) => (f.status === 401 && isApiCall(f, ctx) ? 'API refused the token (401)' : undefined),
  },
  {
    id: 'api-403',
    looksFor: 'an API call answered 403 (or 404 for data of another user)',
    match: (f, ctx) =>
      (f.status === 403 || f.status === 404) && isApiCall(f, ctx) ? `API denied access (${f.status})` : undefined,
  },
  {
    id: 'api-5xx',
    looksFor: 'an API call answered 5xx',
    match: (f, ctx) => (f.status >= 500 && isApiCall(f, ctx) ? `API failed (${f.status})` : undefined),
  },
  {
    id: 'redirect-loop',
    looksFor: 'the same client starting authorization again and again within seconds (set from the flows)',
    match: () => undefined,
  },
  {
    id: 'other',
    looksFor: 'anything none of the above recognizes',
    match: () => undefined,
  },
];

export { authorizationResponseParams } from './recognizers/authorization-response-params.ts';
export { grantType, isAuthorizationRequest, isTokenRequest, kindOf } from './recognizers/request-kinds.ts';
export { isDeletion, sessionCookies } from './recognizers/session-cookies.ts';
