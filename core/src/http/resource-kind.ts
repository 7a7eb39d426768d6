// What a browser request was for: a static asset (script, style, image, font) or a navigation, from Fetch metadata, DevTools' resource type or the mime type.
import type { Exchange } from '../har.ts';
import { headerValue } from '../exchange-read.ts';

const STATIC_MIME = /javascript|ecmascript|css|image\/|font\/|woff|svg/;
const STATIC_DEST = new Set(['script', 'style', 'image', 'font']);
/** DevTools' `_resourceType` names for the same kinds. */
const STATIC_TYPE = new Set(['script', 'stylesheet', 'image', 'font', 'media']);

/** A GET for a script, stylesheet, image or font (Fetch Standard §3.1 `Sec-Fetch-Dest`, or its mime type). */
export function isStaticAsset(exchange: Pick<Exchange, 'request' | 'response' | '_resourceType'>): boolean {
  if (exchange.request.method !== 'GET') return false;
  if (exchange._resourceType && STATIC_TYPE.has(exchange._resourceType)) return true;
  const mime = (exchange.response.content.mimeType ?? '').toLowerCase();
  return STATIC_MIME.test(mime) || STATIC_DEST.has(headerValue(exchange.request, 'sec-fetch-dest') ?? '');
}

/** A top-level or frame navigation of the browser (`Sec-Fetch-Mode: navigate`, DevTools' document type, or an HTML GET). */
export function isNavigation(exchange: Pick<Exchange, 'request' | '_resourceType'>): boolean {
  const mode = headerValue(exchange.request, 'sec-fetch-mode');
  if (mode) return mode === 'navigate';
  if (exchange._resourceType) return exchange._resourceType === 'document';
  const accept = headerValue(exchange.request, 'accept') ?? '';
  return /text\/html/.test(accept) && (exchange.request.method === 'GET' || exchange.request.method === 'POST');
}
