// Test fixture: a small HAR shaped like a DevTools export (resource types, Referer, no ids) with assets, a redirect chain to an authorization endpoint, and browser background requests.

const APP = 'https://app.example.test';
const AS = 'https://login.example.test';
const AUTHORIZE = `${AS}/authorize?response_type=code&client_id=spa-client&redirect_uri=${encodeURIComponent(`${APP}/callback`)}&state=s-123&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&scope=openid`;
const CALLBACK = `${APP}/callback?code=code-abc-123&state=s-123`;
/** The PKCE verifier the token request posts (a value to search for in request bodies). */
export const DEVTOOLS_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

interface Entry {
  url: string;
  method?: string;
  type: string;
  status?: number;
  mime?: string;
  body?: string;
  headers?: Record<string, string>;
  location?: string;
  form?: string;
}

const pairs = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));

function entry(e: Entry, i: number) {
  const navigate = e.type === 'document';
  const headers = {
    ...(navigate ? { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' } : {}),
    ...(e.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    ...e.headers,
  };
  return {
    _resourceType: e.type,
    _initiator: { type: navigate ? 'other' : 'script' },
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 10, 0, i)).toISOString(),
    time: 5,
    request: {
      method: e.method ?? (e.form ? 'POST' : 'GET'),
      url: e.url,
      httpVersion: 'HTTP/2',
      headers: pairs(headers),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: e.form?.length ?? 0,
      ...(e.form ? { postData: { mimeType: 'application/x-www-form-urlencoded', text: e.form } } : {}),
    },
    response: {
      status: e.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/2',
      headers: pairs({ ...(e.location ? { Location: e.location } : {}), 'Content-Type': e.mime ?? 'text/html' }),
      cookies: [],
      content: { size: e.body?.length ?? 0, mimeType: e.mime ?? 'text/html', ...(e.body ? { text: e.body } : {}) },
      redirectURL: e.location ?? '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 1, wait: 3, receive: 1 },
  };
}

/** The entries in capture order; the comment on each says what an "OAuth only" view does with it. */
const ENTRIES: Entry[] = [
  { url: `${APP}/`, type: 'document', body: '<h1>App</h1>' }, // e0 kept: its next navigation starts the login
  { url: `${APP}/app.js`, type: 'script', mime: 'text/javascript' }, // e1 asset
  { url: `${APP}/app.css`, type: 'stylesheet', mime: 'text/css' }, // e2 asset
  { url: `${APP}/logo.png`, type: 'image', mime: 'image/png' }, // e3 asset
  { url: 'https://fonts.example.test/inter.woff2', type: 'font', mime: 'font/woff2' }, // e4 asset
  {
    url: 'https://update.googleapis.com/service/update2/json',
    method: 'POST',
    type: 'other',
    mime: 'application/json',
    headers: { 'X-Goog-Update-AppId': 'hfnkpimlhhgieaddgfemjhofmfblmnib' },
  }, // e5 background
  {
    url: 'https://accounts.google.com/ListAccounts?gpsia=1&source=ChromiumBrowser',
    type: 'other',
    mime: 'application/json',
  }, // e6 background
  { url: `${APP}/login`, type: 'document', status: 302, location: '/start', headers: { Referer: `${APP}/` } }, // e7 kept
  { url: `${APP}/start`, type: 'document', status: 302, location: AUTHORIZE, headers: { Referer: `${APP}/` } }, // e8 kept
  { url: AUTHORIZE, type: 'document', status: 302, location: CALLBACK, headers: { Referer: `${APP}/` } }, // e9 protocol
  { url: 'https://safebrowsing.googleapis.com/v4/threatListUpdates:fetch', type: 'other', mime: 'application/json' }, // e10 background
  { url: CALLBACK, type: 'document', headers: { Referer: `${APP}/` } }, // e11 protocol
  {
    url: `${AS}/token`,
    type: 'fetch',
    mime: 'application/json',
    headers: { Origin: APP },
    form: `grant_type=authorization_code&code=code-abc-123&client_id=spa-client&redirect_uri=${encodeURIComponent(`${APP}/callback`)}&code_verifier=${DEVTOOLS_VERIFIER}`,
    body: '{"access_token":"opaque-access-token-123","token_type":"Bearer","expires_in":300}',
  }, // e12 protocol
  { url: `${APP}/api/news`, type: 'fetch', mime: 'application/json', body: '{"news":[]}' }, // e13 other
  { url: `${APP}/about`, type: 'document', headers: { Referer: CALLBACK } }, // e14 other: nothing follows it
];

/** The ids an "OAuth only" view keeps (importHar gives `e<index>`). */
export const DEVTOOLS_OAUTH_IDS = ['e0', 'e7', 'e8', 'e9', 'e11', 'e12'];
export const DEVTOOLS_BACKGROUND_IDS = ['e5', 'e6', 'e10'];

/** The HAR as DevTools would write it (no `_id`, `_channel` or `_seq`). */
export function devtoolsHar(): { log: Record<string, unknown> } {
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [],
      entries: ENTRIES.map(entry),
    },
  };
}
