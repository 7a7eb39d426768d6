// The real CLI refuses stray words, invalid ports and a data dir that is a file, in one sentence with a non-zero exit.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../testing/cli-process.ts';

let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-cli-args-'));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Runs every command line at once (each is a child process) and returns the results in order. */
function runAll(lines: string[][]): Promise<CliResult[]> {
  return Promise.all(lines.map((args) => runCli(args, { OAUTH_INSPECTOR_HOME: home, CHROMIUM_PATH: process.execPath }, { timeoutMs: 15_000 })));
}

function expectOneSentence(result: CliResult, args: string[], pattern: RegExp): void {
  const label = args.join(' ');
  // null: the command did not refuse and kept running (a proxy on some port) until the test killed it.
  expect(result.code, label).toBe(2);
  expect(result.stdout, label).toBe('');
  expect(result.stderr.trim().split('\n'), label).toHaveLength(1);
  expect(result.stderr.trim(), label).toMatch(pattern);
}

describe('stray words', () => {
  const cases: [string[], string][] = [
    [['proxy', 'extra'], 'Unexpected argument "extra" for "proxy". Run oauth-inspector proxy --help for usage.'],
    [['start', 'extra'], 'Unexpected argument "extra" for "start". Run oauth-inspector start --help for usage.'],
    [['ca', 'extra'], 'Unexpected argument "extra" for "ca". Run oauth-inspector ca --help for usage.'],
    [['browser', 'http://a.example/', 'extra'], 'Unexpected argument "extra" for "browser". Run oauth-inspector browser --help for usage.'],
    [['run', 'extra', '--', 'true'], 'Unexpected argument "extra" for "run". Run oauth-inspector run --help for usage.'],
    [['proxy', '--', 'extra'], 'Unexpected argument "extra" for "proxy". Run oauth-inspector proxy --help for usage.'],
    [['sessions', 'list', 'extra'], 'Unexpected argument "extra" for "sessions list". Run oauth-inspector sessions --help for usage.'],
    [['sessions', 'delete', 'some-id', 'extra'], 'Unexpected argument "extra" for "sessions delete". Run oauth-inspector sessions --help for usage.'],
    [['ca', '--redact'], 'Unknown option --redact for "ca". Run oauth-inspector ca --help for usage.'],
    [['proxy', '--scenario', 'default'], 'Unknown option --scenario for "proxy". Run oauth-inspector proxy --help for usage.'],
  ];
  it('are refused by every command, before anything starts', async () => {
    const results = await runAll(cases.map(([args]) => args));
    results.forEach((result, i) => expectOneSentence(result, cases[i]![0], new RegExp(`^${cases[i]![1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)));
  });
});

describe('port options', () => {
  it('refuse "", -1, 99999, abc and 1.5 as --port', async () => {
    const values = ['', '-1', '99999', 'abc', '1.5'];
    const results = await runAll(values.map((v) => ['proxy', '--port', v, '--inspector-port', '0']));
    results.forEach((result, i) => {
      const args = ['proxy', '--port', values[i]!];
      expectOneSentence(result, args, /^--port must be a port number between 0 and 65535, not "/);
      expect(result.stderr, args.join(' ')).toContain(`not "${values[i]}".`);
    });
  });

  it('refuse a bad value in every port option of every command that takes one', async () => {
    const lines = ['start', 'proxy', 'browser', 'run'].flatMap((command) =>
      ['--port', '--inspector-port'].map((flag) => [command, flag, '-1', ...(command === 'run' ? ['--', 'true'] : [])]),
    );
    lines.push(['proxy', '--no-inspector', '--inspector-port', 'abc'], ['run', '--attach', 'http://127.0.0.1:1', '--port', '', '--', 'true']);
    const results = await runAll(lines);
    results.forEach((result, i) => expectOneSentence(result, lines[i]!, /^--(inspector-)?port must be a port number between 0 and 65535, not "(-1|abc|)"\. Run oauth-inspector \w+ --help for usage\.$/));
  });
});

describe('data directory', () => {
  it('is an error for sessions when it is a file, not "no sessions"', async () => {
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
    for (const [result, path] of [[asFile, file], [sessionsAsFile, join(withFile, 'sessions')], [exported, file]] as const) {
      expect(result!.code).toBe(1);
      expect(result!.stdout).toBe('');
      expect(result!.stderr.trim()).toBe(`${path} is a file, not a folder: choose another --data-dir or move the file.`);
    }
  });

  it('that does not exist yet simply holds no sessions', async () => {
    const [result] = await runAll([['sessions', 'list', '--data-dir', join(home, 'not-yet')]]);
    expect(result!.code).toBe(0);
    expect(result!.stdout.trim()).toBe('No sessions recorded yet.');
  });
});
