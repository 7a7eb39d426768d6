// The CLI (the binary, and main() in-process for the full matrix) refuses stray words, invalid ports and a data dir that is a file, in one sentence with a non-zero exit.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../testing/cli-process.ts';
import { main } from './main.ts';

let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-cli-args-'));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Runs the command lines as child processes, a few at a time (the machine is shared), results in order. */
async function runAll(lines: string[][]): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (let i = 0; i < lines.length; i += 3) {
    const batch = lines
      .slice(i, i + 3)
      .map((args) =>
        runCli(args, { OAUTH_INSPECTOR_HOME: home, CHROMIUM_PATH: process.execPath }, { timeoutMs: 30_000 }),
      );
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

/** Runs main() in this process (the same code the binary runs) and collects what it prints. */
async function inProcess(args: string[]): Promise<CliResult> {
  const lines: string[] = [];
  const code = await main(args, (l) => lines.push(l));
  return { code, stdout: '', stderr: `${lines.join('\n')}\n` };
}

function expectOneSentence(result: CliResult, args: string[], pattern: RegExp): void {
  const label = args.join(' ');
  // null: the command did not refuse and kept running (a proxy on some port) until the test killed it.
  expect(result.code, label).toBe(2);
  expect(result.stdout, label).toBe('');
  expect(result.stderr.trim().split('\n'), label).toHaveLength(1);
  expect(result.stderr.trim(), label).toMatch(pattern);
}

const escape = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('the binary', () => {
  it(
    'refuses a stray word, an empty, negative or too large port, before starting anything',
    { timeout: 120_000 },
    async () => {
      const lines = [
        ['proxy', 'extra'],
        ['proxy', '--port', ''],
        ['proxy', '--port', '-1'],
        ['start', '--inspector-port', '99999'],
      ];
      const [stray, empty, negative, large] = await runAll(lines);
      expectOneSentence(
        stray!,
        lines[0]!,
        escape('Unexpected argument "extra" for "proxy". Run oauth-inspector proxy --help for usage.'),
      );
      expectOneSentence(
        empty!,
        lines[1]!,
        escape('--port must be a port number between 0 and 65535, not "". Run oauth-inspector proxy --help for usage.'),
      );
      expectOneSentence(
        negative!,
        lines[2]!,
        escape(
          '--port must be a port number between 0 and 65535, not "-1". Run oauth-inspector proxy --help for usage.',
        ),
      );
      expectOneSentence(
        large!,
        lines[3]!,
        escape(
          '--inspector-port must be a port number between 0 and 65535, not "99999". Run oauth-inspector start --help for usage.',
        ),
      );
    },
  );
});

describe('stray words', () => {
  const cases: [string[], string][] = [
    [['proxy', 'extra'], 'Unexpected argument "extra" for "proxy". Run oauth-inspector proxy --help for usage.'],
    [['start', 'extra'], 'Unexpected argument "extra" for "start". Run oauth-inspector start --help for usage.'],
    [['ca', 'extra'], 'Unexpected argument "extra" for "ca". Run oauth-inspector ca --help for usage.'],
    [
      ['browser', 'http://a.example/', 'extra'],
      'Unexpected argument "extra" for "browser". Run oauth-inspector browser --help for usage.',
    ],
    [
      ['run', 'node', 'app.js'],
      'Unexpected argument "node" for "run": put the command after --, e.g. oauth-inspector run -- node app.js. Run oauth-inspector run --help for usage.',
    ],
    [['proxy', '--', 'extra'], 'Unexpected argument "extra" for "proxy". Run oauth-inspector proxy --help for usage.'],
    [
      ['sessions', 'list', 'extra'],
      'Unexpected argument "extra" for "sessions list". Run oauth-inspector sessions --help for usage.',
    ],
    [
      ['sessions', 'delete', 'some-id', 'extra'],
      'Unexpected argument "extra" for "sessions delete". Run oauth-inspector sessions --help for usage.',
    ],
    [['ca', '--redact'], 'Unknown option --redact for "ca". Run oauth-inspector ca --help for usage.'],
    [
      ['proxy', '--scenario', 'default'],
      'Unknown option --scenario for "proxy". Run oauth-inspector proxy --help for usage.',
    ],
    [['analyze', 'a.har', 'b.har'], 'Analyze one HAR file at a time.'],
  ];
  it.each(cases)('%j is refused in one sentence, before anything starts', async (args, message) => {
    expectOneSentence(await inProcess(args), args, escape(message));
  });
});

describe('port options', () => {
  it.each(['', '-1', '99999', 'abc', '1.5', '0x50'])('--port %j is refused', async (value) => {
    const args = ['proxy', '--port', value, '--inspector-port', '0'];
    expectOneSentence(
      await inProcess(args),
      args,
      escape(
        `--port must be a port number between 0 and 65535, not "${value}". Run oauth-inspector proxy --help for usage.`,
      ),
    );
  });

  const lines = ['start', 'proxy', 'browser', 'run'].flatMap((command) =>
    ['--port', '--inspector-port'].map((flag) => [command, flag, '-1', ...(command === 'run' ? ['--', 'true'] : [])]),
  );
  lines.push(
    ['proxy', '--no-inspector', '--inspector-port', 'abc'],
    ['run', '--attach', 'http://127.0.0.1:1', '--port', '', '--', 'true'],
  );
  it.each(lines.map((args) => [args.join(' '), args] as const))(
    'every port option of every command: %s',
    async (_, args) => {
      expectOneSentence(
        await inProcess(args),
        args,
        /^--(inspector-)?port must be a port number between 0 and 65535, not "(-1|abc|)"\. Run oauth-inspector \w+ --help for usage\.$/,
      );
    },
  );
});

describe('data directory', () => {
  it('is an error for sessions when it is a file, not "no sessions"', { timeout: 120_000 }, async () => {
    const file = join(home, 'a-file');
    await writeFile(file, 'x');
    const withFile = join(home, 'holder');
    await mkdir(withFile);
    await writeFile(join(withFile, 'sessions'), 'x');
    const [asFile, sessionsAsFile, exported] = await runAll([
      ['sessions', 'list', '--data-dir', file],
      ['sessions', '--data-dir', withFile],
      ['sessions', 'export', 'some-id', '--data-dir', file],
    ]);
    for (const [result, path] of [
      [asFile, file],
      [sessionsAsFile, join(withFile, 'sessions')],
      [exported, file],
    ] as const) {
      expect(result!.code).toBe(1);
      expect(result!.stdout).toBe('');
      expect(result!.stderr.trim()).toBe(
        `${path} is a file, not a folder: choose another --data-dir or move the file.`,
      );
    }
  });

  it('that does not exist yet simply holds no sessions', { timeout: 60_000 }, async () => {
    const [result] = await runAll([['sessions', 'list', '--data-dir', join(home, 'not-yet')]]);
    expect(result!.code).toBe(0);
    expect(result!.stdout.trim()).toBe('No sessions recorded yet.');
  });

  it('that is empty is refused, for listing and for starting, instead of falling back to the default', async () => {
    for (const args of [
      ['sessions', 'list', '--data-dir', ''],
      ['proxy', '--port', '0', '--inspector-port', '0', '--data-dir', ''],
    ]) {
      expectOneSentence(await inProcess(args), args, /^Option --data-dir needs a value, and it is empty\. Run /);
    }
  });
});

describe('export paths', () => {
  it('says in one sentence that the folder of -o does not exist (not a raw ENOENT)', async () => {
    const { describeError } = await import('./error-messages.ts');
    const error = Object.assign(new Error("ENOENT: no such file or directory, open '/nowhere/x.har'"), {
      code: 'ENOENT',
      path: '/nowhere/x.har',
    });
    expect(describeError(error, 'sessions')).toEqual({
      message:
        'Cannot write to /nowhere/x.har: the folder it belongs in does not exist; create it or choose another path.',
      exitCode: 1,
    });
  });
});
