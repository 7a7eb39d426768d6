// Test helper: throwaway folders for one test file, all removed once its tests are done.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Call at the top of a test file: each call of the returned function makes a fresh `<prefix>…` folder. */
export function tempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** One folder for the whole test file, made at once (await it at the top level), removed after its tests. */
export function tempDirForFile(prefix: string): Promise<string> {
  return tempDirs(prefix)();
}
