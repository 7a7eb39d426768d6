// The feed token is created once, private to the user, and the same after a restart.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFeedToken } from './feed-token.ts';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oi-token-'));
  dirs.push(dir);
  return join(dir, 'config');
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('feed token', () => {
  it('is created with owner-only permissions and returned again on the next start', async () => {
    const config = await freshDir();
    const first = await loadFeedToken(config);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await stat(join(config, 'feed-token'))).mode & 0o777).toBe(0o600);
    expect((await stat(config)).mode & 0o777).toBe(0o700);
    expect(await loadFeedToken(config)).toBe(first);
  });

  it('replaces a token file that was tampered with', async () => {
    const config = await freshDir();
    const first = await loadFeedToken(config);
    await writeFile(join(config, 'feed-token'), 'short');
    const second = await loadFeedToken(config);
    expect(second).not.toBe(first);
    expect(second).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('gives different users different tokens', async () => {
    expect(await loadFeedToken(await freshDir())).not.toBe(await loadFeedToken(await freshDir()));
  });
});
