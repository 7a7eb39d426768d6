// Credentials in a message body, read by its media type: JSON (also NDJSON, SSE), form, multipart, XML, or an HTML form (form_post).
import { credentialKind } from './credential-fields.ts';
import { fromBase64, toBase64 } from './encodings.ts';
import { parseJsonDocument, rewriteJsonText } from './json-body.ts';
import { multipartBoundary, rewriteMultipart } from './multipart.ts';
import { rewriteParams } from './params.ts';
import { rewritePemKeys } from './pem.ts';
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

/** Lines with the line breaks between them kept at odd indexes, so `join('')` gives the text back. */
function splitLines(text: string): string[] {
  return text.split(/(\r?\n)/);
}

/** Maps the content lines (even indexes) of a text split by splitLines, and joins it back. */
function mapLines(lines: string[], map: (line: string) => string): string {
  return lines.map((line, i) => (i % 2 === 0 ? map(line) : line)).join('');
}

/**
 * NDJSON / JSON Lines / JSON text sequences (RFC 7464: each record after RS): every non-empty line a JSON
 * document, each rewritten on its own; undefined when the text is not in that shape.
 */
function rewriteJsonLines(text: string, rewrite: Rewrite, context: RewriteContext): string | undefined {
  const lines = splitLines(text);
  const records = lines.filter((line, i) => i % 2 === 0 && line.trim() !== '');
  if (records.length < 2 || records.some((line) => parseJsonDocument(line.replace(/^\x1e/, '')) === undefined))
    return undefined;
  return mapLines(lines, (line) => {
    const rs = line.startsWith('\x1e') ? '\x1e' : '';
    return rs + (rewriteJsonText(line.slice(rs.length), rewrite, context) ?? line.slice(rs.length));
  });
}

/** Server-sent events (WHATWG HTML §9.2.6): the value of each `data:` line read as a body of its own (JSON, a form …). */
function rewriteEventStream(text: string, rewrite: Rewrite, context: RewriteContext): string {
  return mapLines(splitLines(text), (line) => {
    const m = /^(data: ?)(.*)$/.exec(line);
    return m ? m[1]! + rewriteBodyText(m[2]!, '', rewrite, context) : line;
  });
}

/**
 * A form sent as `text/plain` (HTML §4.10.21.8: one `name=value` per line, nothing encoded), or an untyped body
 * in form shape; undefined when the text is not in that shape. One line is read as `application/x-www-form-urlencoded`.
 */
function rewritePlainForm(text: string, rewrite: Rewrite): string | undefined {
  const lines = splitLines(text);
  const pairs = lines.filter((line, i) => i % 2 === 0 && line !== '');
  if (pairs.length === 0 || pairs.some((line) => !/^[^\s=&]+=/.test(line))) return undefined;
  if (pairs.length === 1) return mapLines(lines, (line) => (line === '' ? line : rewriteParams(line, rewrite)));
  return mapLines(lines, (line) => {
    const eq = line.indexOf('=');
    const kind = eq < 0 ? undefined : credentialKind(line.slice(0, eq));
    return kind ? line.slice(0, eq + 1) + rewrite(line.slice(eq + 1), kind) : line;
  });
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlUnescape(text: string): string {
  return text.replace(
    /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-f]+));/gi,
    (all, name?: string, dec?: string, hex?: string) =>
      name ? XML_ENTITIES[name.toLowerCase()]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An element with text or CDATA content only: its qualified name, local name, attributes and content. */
const XML_ELEMENT =
  /<((?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*))(\s[^<>]*)?>(<!\[CDATA\[([\s\S]*?)\]\]>|[^<]*)<\/\1\s*>/g;

/**
 * XML (SOAP, WS-Security `wsse:Password`, a client's `<client_secret>`): the content of every element whose local
 * name is a credential's is rewritten. `<code>` is left alone: in XML, as in JSON, it is mostly an error code.
 */
function rewriteXmlElements(text: string, rewrite: Rewrite): string {
  return text.replace(
    XML_ELEMENT,
    (all, qname: string, local: string, attrs: string | undefined, content: string, cdata: string | undefined) => {
      const kind = credentialKind(local);
      if (!kind || kind === 'code') return all;
      const value = cdata ?? xmlUnescape(content);
      if (value.trim() === '') return all;
      const out = rewrite(value, kind);
      if (out === value) return all;
      return `<${qname}${attrs ?? ''}>${cdata === undefined ? xmlEscape(out) : `<![CDATA[${out}]]>`}</${qname}>`;
    },
  );
}

/** Text bodies with no media type of their own, which are read by their shape. */
function isPlainText(mime: string): boolean {
  return mime === '' || mime.startsWith('text/plain');
}

function rewriteByMediaType(text: string, mimeType: string, rewrite: Rewrite, context: RewriteContext): string {
  const mime = mimeType.toLowerCase().trim();
  const boundary = multipartBoundary(mimeType);
  if (boundary) return rewriteMultipart(text, boundary, rewrite, context);
  if (mime.includes('x-www-form-urlencoded')) return rewriteParams(text, rewrite);
  if (mime.includes('html')) return rewriteHtmlInputs(text, rewrite);
  if (mime.includes('event-stream')) return rewriteEventStream(text, rewrite, context);
  const jsonLines = rewriteJsonLines(text, rewrite, context);
  if (jsonLines !== undefined) return jsonLines;
  if (mime.includes('xml') || (isPlainText(mime) && /^\s*</.test(text))) return rewriteXmlElements(text, rewrite);
  if (isPlainText(mime)) return rewritePlainForm(text, rewrite) ?? text;
  return text;
}

/**
 * A body's text with its credentials rewritten, reading it as its media type says (and JSON whatever it says);
 * PEM private keys are rewritten in any text body.
 */
export function rewriteBodyText(text: string, mimeType: string, rewrite: Rewrite, context: RewriteContext): string {
  const json = rewriteJsonText(text, rewrite, context);
  if (json !== undefined) return json;
  return rewritePemKeys(rewriteByMediaType(text, mimeType, rewrite, context), rewrite);
}

/** Applies `edit` to a body stored as text or as base64 of UTF-8 text; binary bodies come back unchanged. */
export function editBody(text: string, base64: boolean, edit: (plain: string) => string): string {
  if (!base64) return edit(text);
  const plain = fromBase64(text);
  if (plain === undefined) return text;
  const out = edit(plain);
  return out === plain ? text : toBase64(out);
}
