// Visits every string of an exchange (URLs, headers, cookies, `_` fields, bodies decoded from base64) and maps it.
import type { Exchange } from '../har.ts';
import { editBody } from './body.ts';

/** `text` maps any string; `body` maps a body's decoded text (it gets the media type to read it by). */
export interface StringMaps {
  text: (value: string) => string;
  body: (plain: string, mimeType: string) => string;
}

function walk(node: unknown, maps: StringMaps, parentKey: string): unknown {
  if (typeof node === 'string') return maps.text(node);
  if (Array.isArray(node)) return node.map((item) => walk(item, maps, ''));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const isBody = parentKey === 'content' || parentKey === 'postData';
  const base64 = record.encoding === 'base64' || record._encoding === 'base64';
  const mime = typeof record.mimeType === 'string' ? record.mimeType : '';
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] =
      isBody && key === 'text' && typeof value === 'string'
        ? editBody(value, base64, (plain) => maps.body(plain, mime))
        : walk(value, maps, key);
  }
  return out;
}

/** A copy of the exchange with every string mapped; numbers, booleans and the shape stay. */
export function mapExchangeStrings(exchange: Exchange, maps: StringMaps): Exchange {
  return walk(exchange, maps, '') as Exchange;
}
