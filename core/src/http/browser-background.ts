// A browser's own background requests (updates, safe browsing, account checks): the one list of what is not the page's traffic.
import type { Exchange } from '../har.ts';
import { headerValue, safeUrl } from '../exchange-read.ts';

/** One kind of background request: which hosts (exact, or `.suffix` for any subdomain), optionally one path. */
interface BackgroundRule {
  hosts: readonly string[];
  /** Only requests whose path starts with this (the host also serves pages and sign-ins of its own). */
  path?: string;
  /** What the browser does there, in a phrase. */
  what: string;
}

/**
 * Each entry names the browser feature and where its address comes from, so a reader can check it.
 * Hosts that also serve websites (www.gstatic.com, dl.google.com, www.googleapis.com) are left out on purpose.
 */
export const BROWSER_BACKGROUND_RULES: readonly BackgroundRule[] = [
  // Chromium component updater and extension updates (components/update_client, extension_urls.cc).
  { hosts: ['update.googleapis.com', 'clients2.google.com'], what: 'Chromium component and extension update check' },
  // Component and extension downloads the updater is redirected to (redirector.gvt1.com, edgedl.me.gvt1.com, …).
  { hosts: ['.gvt1.com', 'clients2.googleusercontent.com'], what: 'Chromium component download' },
  // Field-trial configuration (components/variations: chrome-variations/seed).
  { hosts: ['clientservices.googleapis.com'], what: 'Chromium field-trial (variations) download' },
  // Safe Browsing lists and lookups (components/safe_browsing; v4 and v5 APIs).
  { hosts: ['safebrowsing.googleapis.com', 'safebrowsing.google.com'], what: 'Safe Browsing check' },
  // Page hints (components/optimization_guide: v1:GetHints, v1:GetModels).
  { hosts: ['optimizationguide-pa.googleapis.com'], what: 'Chromium optimization guide hints' },
  // Form-field type predictions (components/autofill crowdsourcing).
  { hosts: ['content-autofill.googleapis.com'], what: 'Chromium autofill predictions' },
  // Which Google accounts the browser is signed in with (google_apis/gaia: ListAccounts); the rest of the host is a real sign-in server.
  { hosts: ['accounts.google.com'], path: '/ListAccounts', what: 'Chromium account check' },
  // Microsoft Edge's own services (component updater, SmartScreen, configuration).
  { hosts: ['edge.microsoft.com'], what: 'Microsoft Edge background service' },
  // Firefox Remote Settings, application update, tracking-protection lists, captive-portal probe, telemetry.
  { hosts: ['firefox.settings.services.mozilla.com'], what: 'Firefox remote settings' },
  { hosts: ['aus5.mozilla.org'], what: 'Firefox update check' },
  { hosts: ['shavar.services.mozilla.com'], what: 'Firefox tracking-protection lists' },
  { hosts: ['detectportal.firefox.com'], what: 'Firefox captive-portal check' },
  { hosts: ['incoming.telemetry.mozilla.org'], what: 'Firefox telemetry' },
];

function hostMatches(host: string, pattern: string): boolean {
  return pattern.startsWith('.') ? host.endsWith(pattern) || host === pattern.slice(1) : host === pattern;
}

/**
 * What a browser does in the background with this request, or undefined when it is not a background request.
 * Chromium's updater also says so in its headers (`X-Goog-Update-AppId`, the Omaha protocol), whatever the host.
 */
export function browserBackground(exchange: Pick<Exchange, 'request'>): string | undefined {
  const url = safeUrl(exchange.request.url);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase();
  const rule = BROWSER_BACKGROUND_RULES.find(
    (r) => r.hosts.some((h) => hostMatches(host, h)) && (!r.path || url.pathname.startsWith(r.path)),
  );
  if (rule) return rule.what;
  if (headerValue(exchange.request, 'x-goog-update-appid') !== undefined) return 'Chromium component update check';
  return undefined;
}

export function isBrowserBackground(exchange: Pick<Exchange, 'request'>): boolean {
  return browserBackground(exchange) !== undefined;
}
