// Decodes compact JWTs without verifying them and without ever throwing: malformed input becomes a `problem`.
import { isRedactedPlaceholder } from '../redaction/placeholders.ts';

/** Three base64url segments separated by dots (RFC 7515 §7.1); the signature may be empty (alg none). */
const JWT_SHAPE = /^[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

export interface DecodedJwt {
  raw: string;
  header: Record<string, unknown>;
  /** The claims set, or undefined when the payload is not a JSON object (a JWS over other content). */
  payload: Record<string, unknown> | undefined;
  signature: string;
  /** Set when something is wrong with the token's form (not its signature). */
  problem?: string;
}

export interface JwtDecodeFailure {
  raw: string;
  problem: string;
}

/** Base64url (RFC 4648 §5) to bytes; undefined when the text is not base64url. */
export function base64UrlToBytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(b64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Bytes to base64url without padding. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** One strict decoder for every segment: decode() without streaming keeps no state between calls. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  const bytes = base64UrlToBytes(segment);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(UTF8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** True when a string has the shape of a compact JWS and its header decodes to a JOSE header with `alg`. */
export function looksLikeJwt(value: string): boolean {
  if (value.length < 10 || value.length > 32_768 || !JWT_SHAPE.test(value)) return false;
  const header = decodeJsonSegment(value.slice(0, value.indexOf('.')));
  return header !== undefined && typeof header.alg === 'string';
}

/** Decodes header and payload; never throws. */
export function decodeJwt(value: string): DecodedJwt | JwtDecodeFailure {
  const parts = value.split('.');
  if (parts.length === 5)
    return {
      raw: value,
      problem: 'This is an encrypted JWT (JWE, five parts); its claims cannot be read without the key.',
    };
  if (parts.length !== 3)
    return { raw: value, problem: `A compact JWT has three dot-separated parts; this value has ${parts.length}.` };
  const header = decodeJsonSegment(parts[0]!);
  if (!header) return { raw: value, problem: 'The JWT header is not base64url-encoded JSON.' };
  if (typeof header.alg !== 'string') return { raw: value, problem: 'The JWT header has no "alg" (RFC 7515 §4.1.1).' };
  const payload = decodeJsonSegment(parts[1]!);
  const decoded: DecodedJwt = { raw: value, header, payload, signature: parts[2]! };
  if (!payload) decoded.problem = 'The JWT payload is not a JSON object, so it carries no claims.';
  return decoded;
}

/** True when a value was redacted in this file: a placeholder, or a compact JWS whose signature is one. */
export function isRedactedValue(value: string): boolean {
  if (isRedactedPlaceholder(value)) return true;
  const parts = value.split('.');
  return parts.length === 3 && isRedactedPlaceholder(parts[2]!);
}

export function isDecodedJwt(value: DecodedJwt | JwtDecodeFailure): value is DecodedJwt {
  return 'header' in value;
}
