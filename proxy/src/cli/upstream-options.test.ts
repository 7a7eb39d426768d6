// The upstream trust options on the command line: read on every command that starts a proxy, bad input in one sentence.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalCa, type LocalCa } from '../ca/local-ca.ts';
import { startCli } from '../testing/cli-process.ts';
import { parseCommandArguments } from './arguments.ts';
import { commandNamed } from './commands/index.ts';
import { main } from './main.ts';

let home: string;
let ca: LocalCa;
let noPem: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-cli-upstream-'));
  ca = await openLocalCa(join(home, 'some-ca'));
  noPem = join(home, 'not-a-cert.pem');
  await writeFile(noPem, 'just some text\n');
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

async function inProcess(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, (l) => lines.push(l));
  return { code, lines };
}

describe('parsing', () => {
  it.each(['proxy', 'start', 'run', 'browser'])(
    '%s takes --upstream-ca and --insecure-upstream, repeatable',
    (name) => {
      const args = ['--upstream-ca', 'a.pem', '--upstream-ca', 'b.pem', '--insecure-upstream', 'api.local.test'];
      const { values } = parseCommandArguments(commandNamed(name)!, [...args, '--insecure-upstream', 'x.test']);
      expect(values['upstream-ca']).toEqual(['a.pem', 'b.pem']);
      expect(values['insecure-upstream']).toEqual(['api.local.test', 'x.test']);
    },
  );

  it('takes --headless on browser only', async () => {
    expect(parseCommandArguments(commandNamed('browser')!, ['--headless']).values.headless).toBe(true);
    expect(await inProcess(['proxy', '--headless'])).toEqual({
      code: 2,
      lines: ['Unknown option --headless for "proxy". Run oauth-inspector proxy --help for usage.'],
    });
  });
});

describe('bad input, one sentence before anything starts', () => {
  const sentence = (file: string, problem: string) =>
    `--upstream-ca ${file} ${problem}: give a PEM file with the certificate of the CA that signed your server's certificate.`;

  it.each([
    [['proxy'], 'missing.pem', 'does not exist'],
    [['start'], 'folder', 'is a folder, not a PEM file'],
    [['run', '--'], 'not-a-cert.pem', 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)'],
  ])('%j --upstream-ca %s', async (command, name, problem) => {
    const file = name === 'folder' ? home : join(home, name);
    const args = [command[0]!, '--port', '0', '--inspector-port', '0', '--upstream-ca', file];
    if (command[0] === 'run') args.push('--', 'true');
    expect(await inProcess(args)).toEqual({ code: 1, lines: [sentence(file, problem)] });
  });

  it.each(['https://api.local.test', 'api.local.test:8443'])('--insecure-upstream %j', async (value) => {
    expect(await inProcess(['proxy', '--port', '0', '--insecure-upstream', value])).toEqual({
      code: 2,
      lines: [
        `--insecure-upstream takes a host name without scheme, port or path (e.g. api.local.test), not "${value}". Run oauth-inspector proxy --help for usage.`,
      ],
    });
  });

  it('--insecure-upstream "" is an empty value, as for every option', async () => {
    expect(await inProcess(['proxy', '--port', '0', '--insecure-upstream', ''])).toEqual({
      code: 2,
      lines: ['Option --insecure-upstream needs a value, and it is empty. Run oauth-inspector proxy --help for usage.'],
    });
  });
});

describe('the binary', () => {
  it('starts with a trusted CA file and warns about the hosts it will not verify', async () => {
    const proc = startCli(
      [
        'proxy',
        '--port',
        '0',
        '--inspector-port',
        '0',
        '--upstream-ca',
        ca.caCertPath,
        '--insecure-upstream',
        'api.local.test',
        '--insecure-upstream',
        'dev.local.test',
      ],
      { OAUTH_INSPECTOR_HOME: home, NODE_EXTRA_CA_CERTS: '' },
    );
    try {
      await proc.waitFor(/Proxy: http:\/\/127\.0\.0\.1:\d+/);
      expect(proc.output()).toContain(
        'Warning: the proxy does not verify the certificates of api.local.test, dev.local.test: anyone between it and them can read and change that traffic unnoticed.',
      );
    } finally {
      proc.child.kill('SIGINT');
    }
    expect({ code: await proc.exited, output: proc.output() }).toMatchObject({ code: 0 });
  });
});
