// `browser` through the real CLI and the real Chromium: a browser that cannot open is an error, --headless runs and stops.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../testing/cli-process.ts';

const CHROMIUM = '/usr/bin/chromium';
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-cli-browser-'));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** No display at all, whatever the machine running the tests has. */
const env = () => ({
  OAUTH_INSPECTOR_HOME: home,
  CHROMIUM_PATH: CHROMIUM,
  DISPLAY: undefined,
  WAYLAND_DISPLAY: undefined,
});

describe.skipIf(!existsSync(CHROMIUM))('browser with the real Chromium', () => {
  it('says in one sentence that there is no display, and exits non-zero', { timeout: 60_000 }, async () => {
    const r = await runCli(['browser', '--port', '0', '--inspector-port', '0'], env(), { timeoutMs: 45_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('Opened');
    expect(r.stderr.trim()).toBe(
      `${CHROMIUM} exited at once because there is no display to open a window on: run with --headless or set DISPLAY.`,
    );
  });

  it('--headless starts Chromium and stops on Ctrl+C', { timeout: 60_000 }, async () => {
    const proc = startCli(['browser', '--headless', '--port', '0', '--inspector-port', '0', 'about:blank'], env());
    try {
      await proc.waitFor(
        /Opened .*\(headless, throwaway profile\) going through http:\/\/127\.0\.0\.1:\d+\. Press Ctrl\+C/,
        30_000,
      );
    } finally {
      proc.child.kill('SIGINT');
    }
    expect(await proc.exited).toBe(0);
    expect(proc.output()).not.toMatch(/exited at once|Error:/);
  });
});
