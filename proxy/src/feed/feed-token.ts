// The live feed's access token: made once, kept private in the config dir, so an open inspector tab survives a restart.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'feed-token';
/** base64url of 24 random bytes. */
const SHAPE = /^[A-Za-z0-9_-]{32}$/;

/**
 * Returns the token kept in `configDir/feed-token`, creating it (mode 0600, folder 0700) when it is missing or
 * malformed. Only the user can read it, like the CA key next to it; delete the file to revoke every inspector URL.
 */
export async function loadFeedToken(configDir: string): Promise<string> {
  const path = join(configDir, FILE);
  const existing = await readFile(path, 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  if (SHAPE.test(existing)) {
    await chmod(path, 0o600).catch(() => undefined);
    return existing;
  }
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  await chmod(configDir, 0o700);
  const token = randomBytes(24).toString('base64url');
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return token;
}
