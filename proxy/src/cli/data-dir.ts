// The one check that a data directory can hold sessions: a file where a folder belongs is an error, not "no sessions".
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { visibleText } from '@oauth-inspector/core';
import { InspectorError } from '../errors.ts';

async function isFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && !info.isDirectory();
}

/**
 * Throws InspectorError('bad-data-dir') when `dataDir`, or its `sessions` folder, is a file. A folder that does
 * not exist yet is fine: it simply holds no sessions.
 */
export async function assertDataDir(dataDir: string): Promise<void> {
  for (const path of [dataDir, join(dataDir, 'sessions')]) {
    if (await isFile(path)) {
      throw new InspectorError(
        'bad-data-dir',
        `${visibleText(path)} is a file, not a folder: choose another --data-dir or move the file.`,
      );
    }
  }
}
