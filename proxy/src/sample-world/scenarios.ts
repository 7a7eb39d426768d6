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
