// Public entry of the auth-server workspace.
export {
  startAuthServer,
  DEFAULT_API_CLIENT,
  DEFAULT_SPA_CLIENT_ID,
  type AuthServer,
  type AuthServerConfig,
} from './start-auth-server.ts';
export { TEST_USERS, type TestUser } from './users.ts';
export type { AccessTokenFormat, ProviderSettings } from './provider-config.ts';
export { LEGACY_RESPONSE_TYPE, LEGACY_SPA_CLIENT_ID } from './legacy-implicit-client.ts';
