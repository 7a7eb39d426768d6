// What each sample server is told for a scenario: the API's configuration file, the SPA's JSON, the token settings.
import {
  DEFAULT_API_CLIENT,
  DEFAULT_SPA_CLIENT_ID,
  LEGACY_RESPONSE_TYPE,
  LEGACY_SPA_CLIENT_ID,
} from '@oauth-inspector/auth-server';
import type { ApiConfigFile } from '@oauth-inspector/sample-api';
import type { SpaConfig } from '@oauth-inspector/sample-spa/server/start-spa-server.ts';
import { scenarioById, type ScenarioId, type ScenarioSettings } from './scenarios.ts';

/** The three public origins without trailing slashes, and the API's identifiers derived from them. */
export interface WorldOrigins {
  web: string;
  api: string;
  login: string;
  apiBaseUrl: string;
  /** The API's resource indicator (RFC 8707) and the `aud` of its access tokens. */
  apiAudience: string;
}

/** Where the API fetches from, when not derived from the login origin. */
export interface BackChannelOverrides {
  backChannelProxy?: string;
  jwksUrl?: string;
  introspectionUrl?: string;
}

export function worldOrigins(origins: { web: string; api: string; login: string }): WorldOrigins {
  const api = new URL(origins.api).origin;
  return {
    web: new URL(origins.web).origin,
    api,
    login: new URL(origins.login).origin,
    apiBaseUrl: `${api}/api`,
    apiAudience: `${api}/api`,
  };
}

/** Where a server listens: its origin's own port ('public'), or 127.0.0.1:0 behind a Host-keeping gateway ('internal'). */
export function listenAddress(publicOrigin: string, mode: 'public' | 'internal'): { host: string; port: number } {
  if (mode === 'internal') return { host: '127.0.0.1', port: 0 };
  const url = new URL(publicOrigin);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  // Loopback only (GUIDE §3.8); "localhost" is bound as 127.0.0.1 so Node's resolver order does not matter.
  return {
    host: url.hostname === 'localhost' || url.hostname.endsWith('.localhost') ? '127.0.0.1' : url.hostname,
    port,
  };
}

/** The API's configuration file (article-shaped JSON) for a scenario. */
export function apiConfigFileFor(
  id: ScenarioId,
  origins: WorldOrigins,
  overrides: BackChannelOverrides,
): ApiConfigFile {
  const settings = scenarioById(id).settings;
  const jwksEndpoint =
    settings.jwksPath === '/jwks' && overrides.jwksUrl ? overrides.jwksUrl : `${origins.login}${settings.jwksPath}`;
  return {
    api: {
      trustedOrigins: [origins.web],
      useProxy: Boolean(overrides.backChannelProxy),
      ...(overrides.backChannelProxy ? { proxyUrl: overrides.backChannelProxy } : {}),
    },
    oauth: {
      validation: settings.validation,
      issuer: origins.login,
      audience: settings.wrongAudience ? `${origins.apiAudience}/other` : origins.apiAudience,
      algorithm: 'RS256',
      jwksEndpoint,
      introspectEndpoint: overrides.introspectionUrl ?? `${origins.login}/token/introspection`,
      clientId: DEFAULT_API_CLIENT.clientId,
      clientSecret: settings.wrongIntrospectionSecret
        ? `${DEFAULT_API_CLIENT.clientSecret}-wrong`
        : DEFAULT_API_CLIENT.clientSecret,
    },
  };
}

/** The authorization server's token settings for a scenario; `lifetime` applies unless the scenario sets its own. */
export function authSettingsFor(
  id: ScenarioId,
  lifetime: number,
): { accessTokenFormat: 'jwt' | 'opaque'; accessTokenLifetimeSeconds: number } {
  const settings = scenarioById(id).settings;
  return {
    accessTokenFormat: settings.accessTokenFormat,
    accessTokenLifetimeSeconds: settings.accessTokenLifetimeSeconds ?? lifetime,
  };
}

/** The SPA's configuration JSON for a scenario: its scope, client id, redirect URI and item requests; the legacy page gets the implicit client. */
export function spaConfigFor(origins: WorldOrigins, settings: ScenarioSettings): SpaConfig {
  return {
    app: {
      webOrigin: origins.web,
      apiBaseUrl: origins.apiBaseUrl,
      ...(settings.spaOpenItemId ? { openItemId: settings.spaOpenItemId } : {}),
      ...(settings.spaItemDetails ? { itemDetails: true } : {}),
    },
    oauth: {
      authority: origins.login,
      clientId: settings.spaClientId ?? (settings.legacySpa ? LEGACY_SPA_CLIENT_ID : DEFAULT_SPA_CLIENT_ID),
      redirectUri: `${origins.web}${settings.spaRedirectPath ?? '/callback'}`,
      postLogoutRedirectUri: `${origins.web}/`,
      scope: settings.spaScope,
      ...(settings.legacySpa ? { responseType: LEGACY_RESPONSE_TYPE } : {}),
    },
  };
}
