// Test helper: drives a sign-in with plain HTTP (fetch, manual redirects, a tiny cookie jar) to get tokens.
import { createHash, randomBytes } from 'node:crypto';

/** Keeps cookies by name; enough for one authorization server on one origin (paths are ignored). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface BrowserLike {
  jar: CookieJar;
  /** Fetches `url` (relative to `base`) without following redirects, sending and storing cookies. */
  request(url: string, init?: RequestInit): Promise<Response>;
  /** Follows redirects on `base` until a response is not a redirect or leaves `base`; returns the last URL and response. */
  follow(url: string, init?: RequestInit): Promise<{ url: string; response: Response }>;
}

/** `base` is the real address; `publicOrigin` is the issuer the server puts into redirects. */
export function browserLike(base: string, publicOrigin: string = base): BrowserLike {
  const jar = new CookieJar();
  const toReal = (url: string) =>
    url.startsWith(publicOrigin) ? base + url.slice(publicOrigin.length) : new URL(url, base).href;
  async function request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = jar.header();
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(toReal(url), { ...init, headers, redirect: 'manual' });
    jar.store(response);
    return response;
  }
  async function follow(url: string, init?: RequestInit) {
    let current = new URL(url, publicOrigin).href;
    let response = await request(current, init);
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const location = response.headers.get('location') as string;
      current = new URL(location, current.startsWith(publicOrigin) ? current : publicOrigin).href;
      if (!current.startsWith(publicOrigin)) break;
      await response.arrayBuffer();
      response = await request(current);
    }
    return { url: current, response };
  }
  return { jar, request, follow };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface SignInResult {
  tokens: { access_token: string; id_token: string; token_type: string; expires_in: number; scope?: string };
  browser: BrowserLike;
}

/** Full authorization code + PKCE flow (RFC 6749 §4.1, RFC 7636) as the SPA would run it. */
export async function signInOverHttp(options: {
  base: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  scope?: string;
}): Promise<SignInResult> {
  const browser = browserLike(options.base, options.issuer);
  const { verifier, challenge } = pkcePair();
  const authorize = new URL('/auth', options.issuer);
  authorize.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri,
    scope: options.scope ?? 'openid profile',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const loginPage = await browser.follow(authorize.href);
  const html = await loginPage.response.text();
  const action = /action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form at ${loginPage.url}: ${html.slice(0, 200)}`);
  const done = await browser.follow(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
  });
  const code = new URL(done.url).searchParams.get('code');
  if (!code) throw new Error(`no code in ${done.url}`);
  const token = await fetch(`${options.base}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: options.redirectUri,
      client_id: options.clientId,
      code_verifier: verifier,
    }).toString(),
  });
  if (token.status !== 200) throw new Error(`token endpoint answered ${token.status}: ${await token.text()}`);
  return { tokens: (await token.json()) as SignInResult['tokens'], browser };
}
