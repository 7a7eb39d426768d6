// HTML pages of the authorization server (login form, error page, logout confirmation; all values escaped) and how they are sent.
import type { ServerResponse } from 'node:http';
import { TEST_USERS } from './users.ts';

export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>
body{font-family:system-ui,sans-serif;background:#f3f4f6;margin:0;padding:40px}
main{max-width:380px;margin:0 auto;background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem}label{display:block;margin-top:12px}input{width:100%;padding:6px;box-sizing:border-box}
button{margin-top:16px;padding:8px 16px}.error{color:#b91c1c}table{border-collapse:collapse;margin-top:8px}td,th{padding:2px 8px;text-align:left}
</style></head><body><main>${body}</main></body></html>`;
}

export function loginPage(options: { action: string; clientName: string; error?: string; username?: string }): string {
  const users = TEST_USERS.map(
    (u) => `<tr><td><code>${escapeHtml(u.username)}</code></td><td><code>${escapeHtml(u.password)}</code></td></tr>`,
  ).join('');
  return page(
    'Sign in',
    `<h1>Sign in to ${escapeHtml(options.clientName)}</h1>
${options.error ? `<p class="error" data-testid="login-error">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}">
<label>Username <input name="username" autocomplete="username" data-testid="login-username" value="${escapeHtml(options.username ?? '')}" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" data-testid="login-password"></label>
<button type="submit" data-testid="login-submit">Sign in</button>
</form>
<p>Test users (anyone may use them):</p>
<table><tr><th>username</th><th>password</th></tr>${users}</table>`,
  );
}

export function errorPage(error: string, description: string | undefined): string {
  return page(
    'Sign-in error',
    `<h1>Sign-in error</h1><p>The authorization server shows this error itself instead of redirecting back to the
application: it does so when the request names no registered client or redirect URI (RFC 6749 §4.1.2.1), or when
the error happened outside a login (for example at sign-out).</p>
<p><b>error</b>: <code data-testid="op-error">${escapeHtml(error)}</code></p>
${description ? `<p><b>error_description</b>: <code data-testid="op-error-description">${escapeHtml(description)}</code></p>` : ''}`,
  );
}

/** Sign-out page that confirms itself: the SPA asked for it (OIDC RP-Initiated Logout 1.0 §2). */
export function logoutPage(form: string): string {
  return page(
    'Signing out',
    `<h1>Signing out…</h1>${form}<input type="hidden" name="logout" value="yes" form="op.logoutForm">
<noscript><button type="submit" form="op.logoutForm">Continue</button></noscript>
<script>document.forms[0].submit()</script>`,
  );
}

/**
 * Sends a page that no other site may frame (clickjacking, RFC 9700 §4.16): both the old header and CSP
 * frame-ancestors, which the inspector's `login.framing` check looks for.
 */
export function sendHtml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'",
  });
  res.end(body);
}
