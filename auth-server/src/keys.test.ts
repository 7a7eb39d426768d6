// The authorization server's keys: generated once, private to the user, reused, and never silently replaced.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from './keys.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'auth-keys-'));
  dirs.push(dir);
  return join(dir, 'sample-world');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateKeys', () => {
  it('generates an RS256 key on first run into a file only the user can read, and reuses it afterwards', async () => {
    const dir = freshDir();
    const first = await loadOrCreateKeys(dir);
    const file = join(dir, 'auth-server-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(first.jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(first.publicJwks.keys[0]).not.toHaveProperty('d');
    const second = await loadOrCreateKeys(dir);
    expect(second.jwks.keys[0]!.kid).toBe(first.jwks.keys[0]!.kid);
    expect(second.cookieKeys).toEqual(first.cookieKeys);
  });

  it('refuses a broken key file with a sentence naming it, and leaves the file as it was', async () => {
    const dir = freshDir();
    await loadOrCreateKeys(dir);
    const file = join(dir, 'auth-server-keys.json');
    writeFileSync(file, '{ not json');
    await expect(loadOrCreateKeys(dir)).rejects.toMatchObject({
      code: 'bad-key-file',
      message: expect.stringContaining(`${file} cannot be used (it is not valid JSON): delete it`),
    });
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
    writeFileSync(file, JSON.stringify({ jwks: { keys: [] }, cookieKeys: [] }));
    await expect(loadOrCreateKeys(dir)).rejects.toMatchObject({
      code: 'bad-key-file',
      message: expect.stringContaining('it holds no signing key'),
    });
  });
});
