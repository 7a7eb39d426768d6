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
  try {
    stored = JSON.parse(await readFile(path, 'utf8')) as StoredKeys;
  } catch {
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
