// "OAuth only": protocol exchanges, their back-channel calls and what led to them stay; assets, background and unrelated calls go.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../har.ts';
import { importHar } from '../har-import.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { DEVTOOLS_BACKGROUND_IDS, DEVTOOLS_OAUTH_IDS, devtoolsHar } from '../testing/devtools-har.ts';
import { analyze } from './analyze.ts';
import { oauthRelevant } from './oauth-relevance.ts';

function imported(text: string): Exchange[] {
  const result = importHar(text);
  if (!result.ok) throw new Error(result.message);
  return result.exchanges;
}

async function kept(exchanges: Exchange[]): Promise<string[]> {
  const analysis = await analyze(exchanges);
  const ids = oauthRelevant(exchanges, analysis);
  return exchanges.filter((e) => ids.has(e._id)).map((e) => e._id);
}

describe('oauthRelevant', () => {
  it('keeps a DevTools export’s protocol exchanges and the page and redirect chain that led to the authorization endpoint', async () => {
    const exchanges = imported(JSON.stringify(devtoolsHar()));
    const ids = await kept(exchanges);
    expect(ids).toEqual(DEVTOOLS_OAUTH_IDS);
    for (const id of DEVTOOLS_BACKGROUND_IDS) expect(ids).not.toContain(id);
  });

  it('keeps every exchange of the happy-path recording but its static assets, the JWKS download included', async () => {
    const text = await readFile(new URL('../../../lessons/recordings/happy-path.har', import.meta.url), 'utf8');
    const exchanges = imported(text);
    const analysis = await analyze(exchanges);
    const ids = oauthRelevant(exchanges, analysis);
    const dropped = exchanges.filter((e) => !ids.has(e._id)).map((e) => new URL(e.request.url).pathname);
    expect(dropped.length).toBe(3);
    for (const path of dropped) expect(path).toMatch(/^\/assets\/.+\.(js|css)$/);
    // The login's second interaction page answers 303 towards the authorization endpoint with no label of its own:
    // kept, since it leads there.
    const unlabelledRedirects = exchanges.filter(
      (e) =>
        e.response.status === 303 && analysis.labels.every((l) => l.exchangeId !== e._id || l.recognizer === 'other'),
    );
    expect(unlabelledRedirects.length).toBeGreaterThan(0);
    for (const e of unlabelledRedirects) expect(ids.has(e._id)).toBe(true);
    expect(ids.has(exchanges.find((e) => e._channel === 'back-channel')!._id)).toBe(true);
  });

  it('drops a background request even when a recognizer labels it (Chromium’s updater header on a token request)', async () => {
    const refresh = (seq: number, headers: Record<string, string>) =>
      anExchange({
        seq,
        url: 'https://login.example.test/oauth/token',
        form: { grant_type: 'refresh_token', refresh_token: 'r-1', client_id: 'c' },
        requestHeaders: headers,
        json: { access_token: 'a', token_type: 'Bearer' },
      });
    expect(await kept([refresh(0, { 'X-Goog-Update-AppId': 'abc' }), refresh(1, {})])).toEqual(['x1']);
  });

  it('follows a redirect by its Location, and a navigation only to the next page whose Referer names it', async () => {
    const nav = (extra: Record<string, string>) => ({ 'Sec-Fetch-Mode': 'navigate', ...extra });
    const authorizeUrl = 'https://login.example.test/authorize?response_type=code&client_id=c&state=s';
    const page = anExchange({ seq: 0, url: 'https://app.example.test/news', requestHeaders: nav({}) });
    const go = (referer: string) =>
      anExchange({
        seq: 1,
        url: 'https://app.example.test/go',
        requestHeaders: nav({ Referer: referer }),
        status: 302,
        responseHeaders: { Location: authorizeUrl },
      });
    const authorize = anExchange({
      seq: 2,
      url: authorizeUrl,
      requestHeaders: nav({ Referer: 'https://app.example.test/elsewhere' }),
      status: 302,
      responseHeaders: { Location: 'https://app.example.test/callback?code=x&state=s' },
    });
    expect(await kept([page, go('https://app.example.test/elsewhere'), authorize])).toEqual(['x1', 'x2']);
    expect(await kept([page, go('https://app.example.test/news'), authorize])).toEqual(['x0', 'x1', 'x2']);
  });

  it('does not tie a page to the navigation the user typed next (Sec-Fetch-Site: none), only an old HAR without Fetch metadata', async () => {
    const nav = (extra: Record<string, string>) => ({ 'Sec-Fetch-Mode': 'navigate', ...extra });
    const authorizeUrl = 'https://login.example.test/authorize?response_type=code&client_id=c&state=s';
    const news = anExchange({ seq: 0, url: 'https://news.unrelated.test/', requestHeaders: nav({}) });
    const login = (headers: Record<string, string>) =>
      anExchange({
        seq: 1,
        url: 'https://app.example.test/login',
        requestHeaders: headers,
        status: 302,
        responseHeaders: { Location: authorizeUrl },
      });
    const authorize = anExchange({
      seq: 2,
      url: authorizeUrl,
      requestHeaders: nav({ 'Sec-Fetch-Site': 'cross-site', Referer: 'https://app.example.test/' }),
      status: 200,
    });
    expect(await kept([news, login(nav({ 'Sec-Fetch-Site': 'none' })), authorize])).toEqual(['x1', 'x2']);
    expect(await kept([news, login(nav({})), authorize])).toEqual(['x0', 'x1', 'x2']);
  });
});
