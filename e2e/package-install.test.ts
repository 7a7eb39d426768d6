// The packed tarball installed into an empty folder runs every command without the repository and without a build step.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '@oauth-inspector/proxy/testing/cli-process.ts';
import { rawRequest, startHttpServer, type TestServer } from '@oauth-inspector/proxy/testing/servers.ts';
import { packPackage, stagePackage } from '../scripts/build-package.ts';

const RECORDING = fileURLToPath(new URL('../lessons/recordings/happy-path.har', import.meta.url));

let work: string;
let app: string;
let bin: string;
let env: NodeJS.ProcessEnv;
let origin: TestServer;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'oi-package-'));
  const staged = join(work, 'staged');
  await stagePackage(staged);
  const tarball = await packPackage(staged, work);
  // An empty project outside the repository: nothing of the repository's node_modules can be found from here.
  app = join(work, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), '{ "name": "someone-elses-app", "private": true }\n');
  await promisify(execFile)('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app });
  bin = join(app, 'node_modules', '.bin', 'oauth-inspector');
  env = { OAUTH_INSPECTOR_HOME: join(work, 'home'), NODE_OPTIONS: '' };
  origin = await startHttpServer((req, res) => res.end(`origin saw ${req.url}`));
}, 120_000);

afterAll(async () => {
  await origin?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the installed package', () => {
  it('brings no dependencies: the tarball holds everything it runs', async () => {
    const installed = (await readdir(join(app, 'node_modules'))).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['oauth-inspector']);
  });

  it('prints its help', async () => {
    const r = await runCli(['--help'], env, { bin, cwd: app });
    expect(r.code).toBe(0);
    for (const command of ['start', 'proxy', 'run', 'browser', 'ca', 'sessions', 'analyze']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('analyzes a copied recording against a lesson track it ships', async () => {
    await copyFile(RECORDING, join(app, 'session.har'));
    const r = await runCli(['analyze', 'session.har', '--track', 'code-flow', '--json'], env, { bin, cwd: app });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { steps: { status: string }[] };
    expect(report.steps.filter((s) => s.status === 'seen').length).toBeGreaterThan(10);
    expect(report.steps.filter((s) => s.status === 'failed')).toEqual([]);
  });

  it('starts the proxy on port 0, serves the built inspector and its recordings, and journals what it proxies', async () => {
    const proc = startCli(['proxy', '--port', '0', '--inspector-port', '0', '--session', 'through-proxy'], env, bin);
    try {
      const [, inspector] = await proc.waitFor(/Inspector: (http:\/\/localhost:\d+\/\?token=\S+)/);
      const [, port] = await proc.waitFor(/Proxy: http:\/\/127\.0\.0\.1:(\d+)/);
      expect(proc.output()).not.toMatch(/not built/);
      const page = await fetch(inspector!);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]* src="\.\/assets\/index-/);
      const index = await fetch(new URL('/recordings/index.json', inspector));
      const { recordings } = (await index.json()) as { recordings: { name: string }[] };
      expect(recordings.map((r) => r.name)).toContain('happy-path');
      const proxied = await rawRequest({ port: Number(port), path: `${origin.origin}/via-proxy` });
      expect(proxied.body.toString()).toBe('origin saw /via-proxy');
    } finally {
      proc.child.kill('SIGINT');
    }
    expect(await proc.exited).toBe(0);
    const sessions = await runCli(['sessions', 'list'], env, { bin });
    expect(sessions.code).toBe(0);
    expect(sessions.stdout).toMatch(/ 1 exchanges +through-proxy/);
  });

  it('runs a Node program whose fetch goes through its proxy (the preload it ships)', async () => {
    const program = `fetch(${JSON.stringify(`${origin.origin}/via-run`)}).then((r) => r.text()).then(console.log)`;
    const args = ['run', '--port', '0', '--inspector-port', '0', '--session', 'through-run', '--'];
    const r = await runCli([...args, process.execPath, '-e', program], env, { bin });
    expect(r.stdout).toContain('origin saw /via-run');
    expect(r.code).toBe(0);
    const sessions = await runCli(['sessions', 'list'], env, { bin });
    expect(sessions.stdout).toMatch(/ 1 exchanges +through-run/);
  });
});
