// The named scenarios of the sample world: what each changes in the SPA, the API and the authorization server.
import { InspectorError } from '../errors.ts';

export type ScenarioId =
  | 'default'
  | 'invalid-scope'
  | 'bad-jwks-url'
  | 'wrong-audience'
  | 'bad-introspection-secret'
  | 'introspection'
  | 'short-token-lifetime'
  | 'unknown-client'
  | 'unregistered-redirect-uri'
  | 'other-users-item'
  | 'jwks-cache'
  | 'legacy';

export interface ScenarioSettings {
  /** Scope the SPA asks for (step 10 rehearses an unknown one). */
  spaScope: string;
  /** How the API validates tokens; introspection is the legacy lesson's way. */
  validation: 'jwt' | 'introspection';
  /** Access token format: introspection in oidc-provider refuses JWTs, so that mode gets opaque tokens. */
  accessTokenFormat: 'jwt' | 'opaque';
  /** Path the API downloads keys from, relative to the login origin (step 17 rehearses a wrong one). */
  jwksPath: string;
  /** Whether the API expects an audience the authorization server never issues (every token is refused with 401). */
  wrongAudience: boolean;
  /** Whether the API presents a wrong introspection secret. */
  wrongIntrospectionSecret: boolean;
  /** Overrides the configured access token lifetime. */
  accessTokenLifetimeSeconds?: number;
  /** The SPA's client id, when not the registered one (step 10 rehearses an unknown client). */
  spaClientId?: string;
  /** The SPA's redirect path, when not the registered `/callback` (step 10 rehearses an unregistered one). */
  spaRedirectPath?: string;
  /** An item the SPA asks for by id after loading the list (step 18 rehearses another user's item). */
  spaOpenItemId?: string;
  /** Whether the SPA asks for each listed item by id, so the API serves several calls with one key download (step 16). */
  spaItemDetails?: boolean;
  /** Whether the SPA is the legacy page of seed 000 (implicit flow with the legacy client) instead of the code-flow app. */
  legacySpa?: boolean;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  settings: ScenarioSettings;
}

const BASE: ScenarioSettings = {
  spaScope: 'openid profile',
  validation: 'jwt',
  accessTokenFormat: 'jwt',
  jwksPath: '/jwks',
  wrongAudience: false,
  wrongIntrospectionSecret: false,
};

/** Access token lifetime of the short-token-lifetime scenario: long enough to sign in, short enough to watch expire. */
export const SHORT_TOKEN_LIFETIME_SECONDS = 30;

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'default',
    title: 'Everything works: code flow with PKCE, JWT access tokens checked against the JWKS',
    settings: BASE,
  },
  {
    id: 'invalid-scope',
    title: 'The SPA asks for an unknown scope: the login ends with invalid_scope',
    settings: { ...BASE, spaScope: 'openid profile xxx' },
  },
  {
    id: 'bad-jwks-url',
    title: 'The API has a wrong JWKS URL: it cannot get keys and answers 500',
    settings: { ...BASE, jwksPath: '/jwksxxx' },
  },
  {
    id: 'wrong-audience',
    title:
      'The API expects another audience: every token gets 401, and the SPA signs in once, then stops instead of looping',
    settings: { ...BASE, wrongAudience: true },
  },
  {
    id: 'bad-introspection-secret',
    title: 'The API introspects with a wrong client secret: 500, not 401, so no redirect loop',
    settings: { ...BASE, validation: 'introspection', accessTokenFormat: 'opaque', wrongIntrospectionSecret: true },
  },
  {
    id: 'introspection',
    title: 'Legacy validation: the API introspects opaque access tokens',
    settings: { ...BASE, validation: 'introspection', accessTokenFormat: 'opaque' },
  },
  {
    id: 'short-token-lifetime',
    title: `Access tokens live ${SHORT_TOKEN_LIFETIME_SECONDS} seconds: watch the API answer 401 and the SPA sign in again`,
    settings: { ...BASE, accessTokenLifetimeSeconds: SHORT_TOKEN_LIFETIME_SECONDS },
  },
  {
    id: 'unknown-client',
    title: 'The SPA sends a client id the server does not know: an error page, no redirect back',
    settings: { ...BASE, spaClientId: 'unknown-spa' },
  },
  {
    id: 'unregistered-redirect-uri',
    title: 'The SPA sends a redirect URI that is not registered: an error page, no redirect back',
    settings: { ...BASE, spaRedirectPath: '/callbackxxx' },
  },
  {
    id: 'other-users-item',
    title: "After the list, the SPA asks for Bob's item b-1: signed in as Alice it gets 404",
    settings: { ...BASE, spaOpenItemId: 'b-1' },
  },
  {
    id: 'jwks-cache',
    title: 'The SPA asks for each item by id: several API calls, one key download (the JWKS cache)',
    settings: { ...BASE, spaItemDetails: true },
  },
  {
    id: 'legacy',
    title:
      'Seed 000: the SPA calls the API first, signs in with the implicit flow (id_token token; http allowed for it, dev only), the API introspects',
    settings: { ...BASE, validation: 'introspection', accessTokenFormat: 'opaque', legacySpa: true },
  },
];

export function isScenarioId(value: string): value is ScenarioId {
  return SCENARIOS.some((scenario) => scenario.id === value);
}

export function scenarioById(id: string): Scenario {
  const found = SCENARIOS.find((scenario) => scenario.id === id);
  if (!found) {
    throw new InspectorError(
      'unknown-scenario',
      `Unknown scenario "${id}": use one of ${SCENARIOS.map((s) => s.id).join(', ')}.`,
    );
  }
  return found;
}
