// The throwaway profile `oauth-inspector browser` launches: through the proxy, trusting our CA, and quiet.
import { describe, expect, it } from 'vitest';
import { browserLaunchArgs } from './browser-flags.ts';

describe('browserLaunchArgs', () => {
  it('turns off the browser’s own background, component-update and sync traffic, so the capture shows the app', () => {
    const args = browserLaunchArgs({ proxyUrl: 'http://127.0.0.1:1', caSpkiSha256: 'x', userDataDir: '/tmp/p' });
    expect(args).toEqual(
      expect.arrayContaining(['--disable-background-networking', '--disable-component-update', '--disable-sync']),
    );
    expect(args).toContain('--proxy-server=http://127.0.0.1:1');
  });
});
