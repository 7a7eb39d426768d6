// Where OAuth Inspector keeps its files: the CA in the user's config dir, sessions in the user's data dir.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface InspectorPaths {
  /** Holds `ca/` (the local certificate authority). */
  configDir: string;
  /** Holds `sessions/` (the journals). */
  dataDir: string;
}

/**
 * OAUTH_INSPECTOR_HOME (tests, portable setups) puts everything under one folder; otherwise the XDG base
 * directories are used, falling back to ~/.config and ~/.local/share.
 */
export function inspectorPaths(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { dataDir?: string } = {},
): InspectorPaths {
  const home = env.OAUTH_INSPECTOR_HOME;
  const configDir = home
    ? join(home, 'config')
    : join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'oauth-inspector');
  const dataDir =
    overrides.dataDir ??
    (home ? join(home, 'data') : join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'oauth-inspector'));
  return { configDir, dataDir };
}
