// The browser's own background requests are recognized by host (and path where the host also serves real sign-ins).
import { describe, expect, it } from 'vitest';
import { anExchange } from '../testing/an-exchange.ts';
import { browserBackground, isBrowserBackground } from './browser-background.ts';

const at = (url: string, requestHeaders?: Record<string, string>) =>
  anExchange({ url, ...(requestHeaders ? { requestHeaders } : {}) });

describe('browserBackground', () => {
  it.each([
    ['https://update.googleapis.com/service/update2/json', 'update'],
    ['https://clients2.google.com/service/update2/crx?x=id', 'update'],
    ['https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic', 'download'],
    ['https://clients2.googleusercontent.com/crx/blobs/abc', 'download'],
    ['https://clientservices.googleapis.com/chrome-variations/seed?osname=linux', 'variations'],
    ['https://safebrowsing.googleapis.com/v4/threatListUpdates:fetch', 'Safe Browsing'],
    ['https://optimizationguide-pa.googleapis.com/v1:GetHints', 'optimization'],
    ['https://content-autofill.googleapis.com/v1/pages/ChVDaHJvbWU', 'autofill'],
    ['https://accounts.google.com/ListAccounts?gpsia=1&source=ChromiumBrowser', 'account'],
    ['https://edge.microsoft.com/componentupdater/api/v1/update', 'Edge'],
    [
      'https://firefox.settings.services.mozilla.com/v1/buckets/monitor/collections/changes/changeset',
      'remote settings',
    ],
    ['https://aus5.mozilla.org/update/6/Firefox/128.0/x/Linux/en-US/release/update.xml', 'update'],
    ['https://shavar.services.mozilla.com/downloads?client=navclient-auto-ffox', 'tracking'],
    ['http://detectportal.firefox.com/canonical.html', 'captive'],
    ['https://incoming.telemetry.mozilla.org/submit/telemetry/x', 'telemetry'],
  ])('recognizes %s', (url, what) => {
    expect(browserBackground(at(url))).toContain(what);
  });

  it('recognizes Chromium’s updater by its Omaha header on any host', () => {
    expect(isBrowserBackground(at('https://updates.example.test/u', { 'X-Goog-Update-AppId': 'abc' }))).toBe(true);
  });

  it.each([
    'https://accounts.google.com/o/oauth2/v2/auth?client_id=x&response_type=code',
    'https://oauth2.googleapis.com/token',
    'https://www.googleapis.com/oauth2/v3/certs',
    'https://notgvt1.com/x',
    'https://update.googleapis.com.example.test/',
    'https://login.example.test/authorize',
  ])('leaves a site’s own traffic alone: %s', (url) => {
    expect(isBrowserBackground(at(url))).toBe(false);
  });
});
