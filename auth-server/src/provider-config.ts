// Builds the oidc-provider configuration that makes it a believable stand-in for Cognito or Okta.
import { errors } from 'oidc-provider';
import { errorPage, logoutPage } from './html.ts';
import type { ServerKeys } from './keys.ts';
import { LEGACY_RESPONSE_TYPE, legacyClientMetadata } from './legacy-implicit-client.ts';
import { createMemoryAdapter } from './memory-adapter.ts';
import { findUserBySub, userClaims } from './users.ts';

/**
 * HOW THE SPA'S ACCESS TOKEN REACHES BOTH THE API AND USERINFO (step 13)
 *
 * oidc-provider only issues JWT access tokens through Resource Indicators (RFC 8707), so every access token
 * the SPA receives is bound to the API: `aud` = the API's identifier (defaultResource below supplies it, the
 * SPA sends no `resource` parameter). Its built-in userinfo endpoint refuses any token that carries an audience.
 *
 * Design chosen: the authorization server answers its own userinfo route (`/me`, the one discovery advertises)
 * with a small handler of ours (userinfo.ts) placed in front of oidc-provider. It accepts the very access token
 * the SPA holds: a JWT is verified with the server's own public key (issuer, audience = the API, expiry, RS256);
 * an opaque token (introspection scenario) is looked up in the provider's store. It then returns the claims the
 * token's scopes allow (OIDC Core §5.3, §5.4). Cognito and Okta behave alike: one access token serves the
 * API and userinfo. We rejected the alternatives: a second, audience-less token would make the lessons show
 * a token the SPA never uses, and putting userinfo in the audience would hide the API's audience check.
 *
 * Other choices: PKCE S256 is required for every client (RFC 7636, RFC 9700 §2.1.1); unknown scopes are rejected
 * with `invalid_scope` (RFC 6749 §4.1.2.1) instead of being ignored; consent is implied (first-party app); ID tokens
 * carry no profile claims (they come from userinfo); no refresh tokens are issued to the browser.
 */

export type AccessTokenFormat = 'jwt' | 'opaque';

export interface ProviderSettings {
  /** Read each time a token is issued, so scenarios change it at run time. */
  accessTokenLifetimeSeconds: number;
  /** 'opaque' for the introspection (legacy) scenario: introspection refuses JWTs. */
  accessTokenFormat: AccessTokenFormat;
}

export interface ProviderConfigInput {
  webOrigin: string;
  apiAudience: string;
  spaClientId: string;
  apiClient: { clientId: string; clientSecret: string };
  keys: ServerKeys;
  settings: ProviderSettings;
}

/** Scopes the server knows; anything else in an authorization request is an `invalid_scope` error. */
export const SUPPORTED_SCOPES = ['openid', 'profile'];

/** The registered clients: the SPA (public, code flow), the legacy SPA (public, implicit) and the API (introspection only). */
function clientsOf(input: ProviderConfigInput): Record<string, unknown>[] {
  return [
    {
      client_id: input.spaClientId,
      client_name: 'Sample SPA',
      token_endpoint_auth_method: 'none', // public client (RFC 6749 §2.1)
      application_type: 'web',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [`${input.webOrigin}/callback`],
      post_logout_redirect_uris: [`${input.webOrigin}/`],
    },
    legacyClientMetadata(input.webOrigin),
    {
      client_id: input.apiClient.clientId,
      client_name: 'Sample API',
      client_secret: input.apiClient.clientSecret,
      token_endpoint_auth_method: 'client_secret_basic', // RFC 7662 §2.1: the API authenticates to introspect
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    },
  ];
}

/**
 * An unknown scope value is an `invalid_scope` error (RFC 6749 §4.1.2.1), not silently dropped. Validators run after
 * the client and redirect URI are checked, so this error goes back to the client.
 */
async function rejectUnknownScopes(_ctx: unknown, value: string | undefined): Promise<void> {
  const unknown = (value ?? '').split(' ').filter((s) => s && !SUPPORTED_SCOPES.includes(s));
  if (unknown.length > 0) {
    throw new errors.InvalidScope(`the scope ${unknown.join(' ')} is not supported by this server`, unknown.join(' '));
  }
}

/** Every access token is for the API (RFC 8707); its lifetime and format are read from `settings` per token. */
function resourceIndicatorsOf({ apiAudience, settings }: ProviderConfigInput): Record<string, unknown> {
  return {
    enabled: true,
    async defaultResource() {
      return apiAudience;
    },
    async useGrantedResource() {
      return true;
    },
    async getResourceServerInfo(_ctx: unknown, resource: string) {
      if (resource !== apiAudience) throw new errors.InvalidTarget();
      return {
        scope: SUPPORTED_SCOPES.join(' '),
        audience: apiAudience,
        accessTokenTTL: settings.accessTokenLifetimeSeconds,
        accessTokenFormat: settings.accessTokenFormat,
        ...(settings.accessTokenFormat === 'jwt' ? { jwt: { sign: { alg: 'RS256' } } } : {}),
      };
    },
  };
}

function featuresOf(input: ProviderConfigInput): Record<string, unknown> {
  return {
    devInteractions: { enabled: false },
    introspection: {
      enabled: true,
      // RFC 7662 §2.1: only the API, authenticated with its secret, may introspect tokens.
      async allowedPolicy(_ctx: unknown, client: { clientId: string }) {
        return client.clientId === input.apiClient.clientId;
      },
    },
    revocation: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx: { body: string }, form: string) {
        ctx.body = logoutPage(form);
      },
    },
    resourceIndicators: resourceIndicatorsOf(input),
  };
}

/** The test users as oidc-provider accounts. */
async function findAccount(_ctx: unknown, sub: string) {
  const user = findUserBySub(sub);
  if (!user) return undefined;
  return {
    accountId: sub,
    async claims(use: string, scope: string) {
      // ID tokens carry no personal data; names come from userinfo (step 13).
      if (use === 'id_token') return { sub };
      return userClaims(user, new Set(scope.split(' ')));
    },
  };
}

export function buildProviderConfig(input: ProviderConfigInput): Record<string, unknown> {
  const { settings } = input;
  return {
    adapter: createMemoryAdapter(),
    clients: clientsOf(input),
    jwks: input.keys.jwks,
    cookies: { keys: input.keys.cookieKeys },
    scopes: SUPPORTED_SCOPES,
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name', 'preferred_username'] },
    conformIdTokenClaims: true,
    pkce: { required: () => true },
    responseTypes: ['code', LEGACY_RESPONSE_TYPE], // the legacy page's implicit flow (legacy-implicit-client.ts)
    extraParams: { scope: rejectUnknownScopes },
    features: featuresOf(input),
    ttl: {
      AccessToken: () => settings.accessTokenLifetimeSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    findAccount,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    clientBasedCORS(_ctx: unknown, origin: string) {
      return origin === input.webOrigin;
    },
    async renderError(ctx: { type: string; body: string }, out: { error: string; error_description?: string }) {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
  };
}
