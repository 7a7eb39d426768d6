// Credentials in `multipart/form-data` bodies: the part named for a credential has its content rewritten.
import { credentialKind } from './credential-fields.ts';
import { rewriteJsonText } from './json-body.ts';
import type { Rewrite, RewriteContext } from './rewrite.ts';

/** The boundary parameter of a multipart media type (RFC 2046 §5.1.1), or undefined. */
export function multipartBoundary(mimeType: string): string | undefined {
  if (!/^\s*multipart\//i.test(mimeType)) return undefined;
  return /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(mimeType)?.slice(1).find(Boolean);
}

/** One part: its headers kept, its content rewritten when its name (RFC 7578 §4.2) is a credential's. */
function rewritePart(part: string, rewrite: Rewrite, context: RewriteContext): string {
  const split = /\r?\n\r?\n/.exec(part);
  if (!split) return part;
  const headers = part.slice(0, split.index);
  const start = split.index + split[0].length;
  // The content ends before the line break that precedes the next delimiter.
  const end = part.endsWith('\r\n') ? part.length - 2 : part.endsWith('\n') ? part.length - 1 : part.length;
  const content = part.slice(start, end);
  // The name is a quoted string or, as many clients write it, a bare token (RFC 7578 §4.2, RFC 6266 §4.1).
  const name = /content-disposition:[^\n]*;\s*name\s*=\s*(?:"([^"]*)"|([^;\s]+))/i
    .exec(headers)
    ?.slice(1)
    .find((n) => n !== undefined);
  const kind = name === undefined ? undefined : credentialKind(name);
  const out = kind
    ? rewrite(content, kind)
    : /content-type:\s*application\/([\w.+-]*\+)?json/i.test(headers)
      ? (rewriteJsonText(content, rewrite, context) ?? content)
      : content;
  return out === content ? part : part.slice(0, start) + out + part.slice(end);
}

/** A multipart/form-data body with its credential parts rewritten; delimiters and other parts stay byte for byte. */
export function rewriteMultipart(text: string, boundary: string, rewrite: Rewrite, context: RewriteContext): string {
  const delimiter = `--${boundary}`;
  return text
    .split(delimiter)
    .map((part, i) => (i === 0 || part.startsWith('--') ? part : rewritePart(part, rewrite, context)))
    .join(delimiter);
}
