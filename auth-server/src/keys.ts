// Loads the signing key and cookie keys from the data directory, generating them on first run.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ServerKeys {
  /** Private signing JWK set (RS256) handed to oidc-provider. */
  jwks: { keys: JWK[] };
  /** Public half of the same keys, for verifying our own tokens. */
  publicJwks: { keys: JWK[] };
  cookieKeys: string[];
}

interface StoredKeys {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

const FILE = 'auth-server-keys.json';

/** Reads `<dataDir>/auth-server-keys.json` or creates it (mode 0600; the folder is git-ignored). */
export async function loadOrCreateKeys(dataDir: string): Promise<ServerKeys> {
  // The signing key is a secret: the folder and the file are the user's alone.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const path = join(dataDir, FILE);
  let stored: StoredKeys;
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw keyFileError(path, (error as Error).message);
  }
  if (text !== undefined) {
    // An existing file is never replaced: a broken one is the user's to look at or delete.
    try {
      stored = JSON.parse(text) as StoredKeys;
    } catch {
      throw keyFileError(path, 'it is not valid JSON');
    }
    if (!Array.isArray(stored?.jwks?.keys) || stored.jwks.keys.length === 0 || !Array.isArray(stored.cookieKeys))
      throw keyFileError(path, 'it holds no signing key');
    await chmod(path, 0o600);
  } else {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    stored = { jwks: { keys: [jwk] }, cookieKeys: [randomBytes(32).toString('base64url')] };
    await writeFile(path, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const publicJwks = {
    keys: stored.jwks.keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })),
  };
  return { jwks: stored.jwks, publicJwks, cookieKeys: stored.cookieKeys };
}

function keyFileError(path: string, why: string): Error {
  return Object.assign(
    new Error(
      `The authorization server's key file ${path} cannot be used (${why}): delete it to have new keys generated.`,
    ),
    { code: 'bad-key-file' },
  );
}
