// End-to-end tests of the oauth-inspector command as a child process: journal survives kill -9, run captures fetch.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarFile } from '@oauth-inspector/core';
import { openLocalCa } from '../ca/local-ca.ts';
import { BIN, startCli } from '../testing/cli-process.ts';
import { main } from './main.ts';
import { validateHar } from '../testing/har-validate.ts';
import { rawRequest, startHttpServer, startHttpsServer, type TestServer } from '../testing/servers.ts';

let home: string;
let origin: TestServer;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-cli-'));
  origin = await startHttpServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.setHeader('set-cookie', 'sid=abc; HttpOnly');
    res.end(
      JSON.stringify({ path: req.url, access_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.c2lnbmF0dXJlc2lnbmF0dXJl' }),
    );
  });
});

afterAll(async () => {
  await origin?.close();
  await rm(home, { recursive: true, force: true });
});

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, OAUTH_INSPECTOR_HOME: home },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('journal', () => {
  it('survives kill -9 of the proxy and exports as a HAR that har-validator accepts', async () => {
    const proc = startCli(['proxy', '--port', '0', '--inspector-port', '0', '--session', 'crash test'], {
      OAUTH_INSPECTOR_HOME: home,
    });
    try {
      const [, port] = await proc.waitFor(/Proxy: http:\/\/127\.0\.0\.1:(\d+)/);
      for (let i = 0; i < 5; i++) {
        await rawRequest({
          port: Number(port),
          path: `${origin.origin}/item/${i}`,
          method: i === 0 ? 'POST' : 'GET',
          body: i === 0 ? 'password=hunter2&username=alice' : undefined,
          headers: i === 0 ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        });
      }
      // The journal is written just after each response goes out; kill only once the fifth record is on disk.
      await expect.poll(() => cli(['sessions', 'list']).stdout, { timeout: 10_000 }).toMatch(/crash test/);
      await expect
        .poll(
          () =>
            cli(['sessions', 'list'])
              .stdout.split('\n')
              .find((l) => l.includes('crash test')),
          { timeout: 10_000 },
        )
        .toMatch(/\b5 exchanges/);
    } finally {
      proc.child.kill('SIGKILL');
      await proc.exited;
    }
    const list = cli(['sessions', 'list']);
    const line = list.stdout.split('\n').find((l) => l.includes('crash test'));
    expect(line).toBeDefined();
    const id = line!.split(/\s+/)[0]!;
    expect(line).toMatch(/\b5 exchanges/);

    const exported = cli(['sessions', 'export', id]);
    expect(exported.code).toBe(0);
    const har = JSON.parse(exported.stdout) as HarFile;
    await validateHar(har);
    expect(har.log.entries.map((e) => new URL(e.request.url).pathname)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `/item/${i}`),
    );

    const outFile = join(home, 'redacted.har');
    expect(cli(['sessions', 'export', id, '--redact', '-o', outFile]).code).toBe(0);
    const redactedText = await readFile(outFile, 'utf8');
    await validateHar(JSON.parse(redactedText));
    expect(redactedText).not.toContain('hunter2');
    expect(redactedText).not.toContain('sid=abc');
    expect(redactedText).not.toContain('c2lnbmF0dXJlc2lnbmF0dXJl');

    expect(cli(['sessions', 'delete', id]).code).toBe(0);
    expect(cli(['sessions', 'list']).stdout).not.toContain(id);
    const missing = cli(['sessions', 'export', id]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^No session ".*": run `oauth-inspector sessions list`/);
  });
});

describe('run', () => {
  it("captures Node's own fetch to a local HTTPS server with no certificate error", async () => {
    // The test server's certificate comes from the same local CA the CLI uses (same OAUTH_INSPECTOR_HOME).
    const ca = await openLocalCa(join(home, 'config', 'ca'));
    const secure = await startHttpsServer(ca, (req, res) => res.end(`secure ${req.url}`));
    try {
      const script = `fetch('https://127.0.0.1:${secure.port}/hello').then(r => r.text()).then(t => console.log('BODY=' + t), e => { console.log('ERROR=' + (e.cause?.code ?? e.message)); process.exit(3); })`;
      const proc = startCli(['run', '--', process.execPath, '-e', script], {
        OAUTH_INSPECTOR_HOME: home,
        NODE_EXTRA_CA_CERTS: '',
      });
      const code = await proc.exited;
      expect(proc.output()).toContain('BODY=secure /hello');
      expect(code).toBe(0);
      const [, journal] = proc.output().match(/journaled in (\S+\.jsonl)/) ?? [];
      const lines = (await readFile(journal!, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { request: { url: string }; _channel: string });
      expect(lines.map((l) => l.request.url)).toEqual([`https://127.0.0.1:${secure.port}/hello`]);
      expect(lines[0]?._channel).toBe('back-channel');
    } finally {
      await secure.close();
    }
  });

  it('returns the exit code of the command', async () => {
    const proc = startCli(['run', '--', process.execPath, '-e', 'process.exit(7)'], { OAUTH_INSPECTOR_HOME: home });
    expect(await proc.exited).toBe(7);
  });
});

describe('command line', () => {
  it('prints help for every command', async () => {
    for (const command of ['start', 'proxy', 'run', 'browser', 'ca', 'sessions']) {
      const lines: string[] = [];
      expect(await main([command, '--help'], (l) => lines.push(l)), command).toBe(0);
      expect(lines.join('\n'), command).toContain(`oauth-inspector ${command}`);
    }
  });

  it('names an unknown command in one sentence', async () => {
    const lines: string[] = [];
    expect(await main(['frobnicate'], (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual(['Unknown command "frobnicate". Run oauth-inspector --help to see the commands.']);
  });

  it('answers a mistyped option and a missing value with our own sentence', async () => {
    const lines: string[] = [];
    expect(await main(['start', '--prot', '3'], (l) => lines.push(l))).toBe(2);
    expect(await main(['start', '--port'], (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual([
      'Unknown option --prot for "start". Run oauth-inspector start --help for usage.',
      'Option --port needs a value. Run oauth-inspector start --help for usage.',
    ]);
  });

  it('says in one sentence when --data-dir is a file', async () => {
    const file = join(home, 'not-a-folder');
    await writeFile(file, 'x');
    const r = cli(['proxy', '--port', '0', '--inspector-port', '0', '--data-dir', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Cannot use ${join(file, 'sessions')}: a file is in the way of a folder; choose another path or move the file.`,
    );
  });

  it('says in one sentence when the port is in use', async () => {
    const r = cli(['proxy', '--port', String(origin.port), '--inspector-port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Port ${origin.port} on 127.0.0.1 is already in use: stop whatever uses it or pick another port with --port <number>.`,
    );
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints where the CA is and its SPKI fingerprint', () => {
    const r = cli(['ca']);
    expect(r.stdout).toContain(join(home, 'config', 'ca', 'certs', 'ca.pem'));
    expect(r.stdout).toMatch(/SPKI sha256 \(base64\): [A-Za-z0-9+/]{43}=/);
    expect(r.stdout).toMatch(/Firefox/);
  });
});

describe('start (what npm start runs)', () => {
  it('prints one line per URL, serves the sample through the gateway, logs the API readably, and stops cleanly on Ctrl-C', async () => {
    const proc = startCli(['start', '--port', '0', '--inspector-port', '0', '--token-lifetime', '20'], {
      OAUTH_INSPECTOR_HOME: home,
    });
    try {
      const [, port] = await proc.waitFor(/Sample app: http:\/\/web\.localhost:(\d+)\//, 60_000);
      await proc.waitFor(/Inspector: http:\/\/localhost:\d+\/\?token=\S+/);
      await proc.waitFor(/Press Ctrl\+C to stop\./);
      // The gateway keeps the three origins apart by Host, on the proxy's one port.
      const page = await rawRequest({ port: Number(port), path: '/', headers: { host: `web.localhost:${port}` } });
      expect(page.status).toBe(200);
      expect(page.body.toString()).toContain('<html');
      const api = await rawRequest({
        port: Number(port),
        path: '/api/items',
        headers: { host: `api.localhost:${port}` },
      });
      expect(api.status).toBe(401);
      await proc.waitFor(/API 401 GET \/api\/items .*— missing_token/);
      const discovery = await rawRequest({
        port: Number(port),
        path: '/.well-known/openid-configuration',
        headers: { host: `login.localhost:${port}` },
      });
      expect(JSON.parse(discovery.body.toString())).toMatchObject({ issuer: `http://login.localhost:${port}` });
    } finally {
      proc.child.kill('SIGINT');
    }
    expect(await proc.exited).toBe(0);
    expect(proc.output()).not.toMatch(/at \w+ \(|Error:/);
  });

  it('refuses a token lifetime that is not a number of seconds, in one sentence', () => {
    const r = cli(['start', '--token-lifetime', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      '--token-lifetime must be a whole number of seconds between 5 and 86400. Run oauth-inspector start --help for usage.',
    );
  });
});

describe('browser', () => {
  it('says in one sentence when CHROMIUM_PATH points nowhere, before starting anything', () => {
    const r = spawnSync(process.execPath, [BIN, 'browser', '--port', '0', '--inspector-port', '0'], {
      env: { ...process.env, OAUTH_INSPECTOR_HOME: home, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toBe(
      'CHROMIUM_PATH is set to /nonexistent/chromium, which does not exist: point it at a Chromium or Chrome executable, or unset it.',
    );
    expect(r.stdout).not.toContain('Proxy:');
  });
});
