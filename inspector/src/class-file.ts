// "A class from one file": the running inspector's own bundle, the session as HAR (redacted on request) and the lesson text in one HTML file that replays offline.
import type { Exchange } from '@oauth-inspector/core';
import { exportHar } from './engine.ts';

/** The element a class file carries its HAR in; its presence switches the inspector to that recording. */
export const EMBEDDED_HAR_ID = 'oi-embedded-har';

/** The embedded recording, when this page is a class file: its HAR text and name. */
export function embeddedRecording(
  doc: Document | undefined = globalThis.document,
): { text: string; name: string } | undefined {
  const element = doc?.getElementById(EMBEDDED_HAR_ID);
  if (!element || element.getAttribute('type') !== 'application/json') return undefined;
  return { text: element.textContent ?? '', name: element.getAttribute('data-name') || 'class file' };
}

/** JSON made safe inside a script element: no `<` at all, so no `</script>` or `<!--` can end or bend it. */
export function scriptSafeJson(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * JavaScript made safe inside a script element: `</script` as `<\/script` and `<script` as `<\x73cript`, the same
 * text to JavaScript in strings, templates and regular expressions, so the element cannot end or nest early.
 */
export function scriptSafeCode(code: string): string {
  return code
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<(s)(cript)/gi, (_, s: string, rest: string) => `<\\x${s.charCodeAt(0).toString(16)}${rest}`);
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/**
 * The class file's HTML. Its Content-Security-Policy allows only the inlined bundle (by hash) and no network at
 * all, so the file works offline and captured text in it can never run.
 */
export async function classFileHtml(bundle: string, harJson: string, name: string): Promise<string> {
  const code = scriptSafeCode(bundle);
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${await sha256Base64(code)}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="color-scheme" content="light dark">
<title>OAuth Inspector — ${escapeAttribute(name)}</title>
<link rel="icon" href="data:,">
<style>html,body{margin:0;height:100%}body{background:#f6f7f9}@media (prefers-color-scheme: dark){body{background:#11151c}}</style>
</head>
<body>
<oi-app></oi-app>
<script type="application/json" id="${EMBEDDED_HAR_ID}" data-name="${escapeAttribute(name)}">${scriptSafeJson(harJson)}</script>
<script type="module">${code}</script>
</body>
</html>
`;
}

/** The inspector's own bundle, as this page loaded it (the built app; a class file carries it inline). */
async function ownBundle(): Promise<string> {
  const inline = [...document.querySelectorAll<HTMLScriptElement>('script[type=module]')].find((s) => !s.src);
  if (inline?.textContent) return inline.textContent;
  const src = document.querySelector<HTMLScriptElement>('script[type=module][src]')?.src;
  if (!src) throw new Error('The inspector bundle was not found on this page.');
  const response = await fetch(src);
  if (!response.ok) throw new Error(`The inspector bundle could not be read (${response.status}).`);
  return response.text();
}

/** Saves the exchanges as one self-contained HTML file that opens in replay mode. */
export async function downloadClassFile(exchanges: readonly Exchange[], redact: boolean, name: string): Promise<void> {
  const har = JSON.stringify(exportHar(exchanges, redact));
  const html = await classFileHtml(await ownBundle(), har, name);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const slug = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'session';
  link.download = `oauth-inspector-class-${slug}${redact ? '-redacted' : ''}.html`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 5000);
}
