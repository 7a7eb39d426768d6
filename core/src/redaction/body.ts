// Credentials in a message body, read by its media type: JSON, form, multipart, or an HTML form (form_post).
import { credentialKind } from './credential-fields.ts';
import { fromBase64, toBase64 } from './encodings.ts';
import { rewriteJsonText } from './json-body.ts';
import { multipartBoundary, rewriteMultipart } from './multipart.ts';
import { rewriteParams } from './params.ts';
import type { Rewrite, RewriteContext } from './rewrite.ts';

/** Hidden inputs of an HTML form, as `response_mode=form_post` returns codes and tokens (OAuth 2.0 Form Post Response Mode §2). */
function rewriteHtmlInputs(html: string, rewrite: Rewrite): string {
  return html.replace(/<input\b[^>]*>/gi, (tag) => {
    const name = /\bname\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    const kind = name === undefined ? undefined : credentialKind(name);
    if (!kind) return tag;
    return tag.replace(/(\bvalue\s*=\s*)(["'])([^"']*)\2/i, (all, lead: string, quote: string, value: string) => {
      const out = rewrite(value, kind);
      return out === value ? all : `${lead}${quote}${out}${quote}`;
    });
  });
}

/** A body's text with its credentials rewritten, reading it as its media type says (and JSON whatever it says). */
export function rewriteBodyText(text: string, mimeType: string, rewrite: Rewrite, context: RewriteContext): string {
  const json = rewriteJsonText(text, rewrite, context);
  if (json !== undefined) return json;
  const mime = mimeType.toLowerCase();
  const boundary = multipartBoundary(mimeType);
  if (boundary) return rewriteMultipart(text, boundary, rewrite, context);
  if (mime.includes('x-www-form-urlencoded') || (mime === '' && /^[^\s=&]+=/.test(text)))
    return rewriteParams(text, rewrite);
  if (mime.includes('html')) return rewriteHtmlInputs(text, rewrite);
  return text;
}

/** Applies `edit` to a body stored as text or as base64 of UTF-8 text; binary bodies come back unchanged. */
export function editBody(text: string, base64: boolean, edit: (plain: string) => string): string {
  if (!base64) return edit(text);
  const plain = fromBase64(text);
  if (plain === undefined) return text;
  const out = edit(plain);
  return out === plain ? text : toBase64(out);
}
