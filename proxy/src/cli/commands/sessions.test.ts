// `sessions` through the real CLI: an export is private whether or not its file existed; wrong words get one sentence.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../session/session-store.ts';
import { runCli } from '../../testing/cli-process.ts';
import { tempDirForFile } from '../../testing/temp-dirs.ts';

const dataDir = await tempDirForFile('oi-cli-sessions-');

describe('sessions export -o', () => {
  it('leaves the file readable by its owner only, also when it existed with a wider mode', async () => {
    const session = await createSession(dataDir, 'export test');
    const fresh = join(dataDir, 'fresh.har');
    const existing = join(dataDir, 'existing.har');
    await writeFile(existing, 'old content', { mode: 0o644 });
    const results = await Promise.all(
      [fresh, existing].map((file) =>
        runCli(['sessions', 'export', session.id, '--data-dir', dataDir, '-o', file], {}),
      ),
    );
    for (const [i, file] of [fresh, existing].entries()) {
      expect(results[i]!.code).toBe(0);
      expect(results[i]!.stdout.trim()).toBe(`Wrote 0 exchanges to ${file}.`);
      expect((await stat(file)).mode & 0o777, file).toBe(0o600);
      expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('log.entries', []);
    }
  });
});

describe('sessions arguments', () => {
  it.each([
    [
      ['sessions', 'frob'],
      'Unknown sessions command "frob": use list, export, rename or delete. Run oauth-inspector sessions --help for usage.',
    ],
    [
      ['sessions', 'export'],
      'sessions export needs a session id (see oauth-inspector sessions list). Run oauth-inspector sessions --help for usage.',
    ],
    [
      ['sessions', 'rename', 'some-id'],
      'sessions rename needs a new name. Run oauth-inspector sessions --help for usage.',
    ],
    [
      ['sessions', 'export', 'some-id', 'extra'],
      'Unexpected argument "extra" for "sessions export". Run oauth-inspector sessions --help for usage.',
    ],
  ])('answers %j with one sentence and exit 2', async (args, message) => {
    const result = await runCli([...args, '--data-dir', dataDir], {});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(message);
  });
});
