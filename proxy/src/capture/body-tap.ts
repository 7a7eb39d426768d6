// Passive copy of a body as it streams by: keeps up to a cap for the record, counts every byte.
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export class BodyTap {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Bytes seen on the wire, kept or not. */
  total = 0;

  constructor(readonly cap: number) {}

  add(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.kept >= this.cap) return;
    const room = this.cap - this.kept;
    const piece = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(piece);
    this.kept += piece.length;
  }

  get truncated(): boolean {
    return this.total > this.kept;
  }

  bytes(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.kept);
  }
}

/**
 * Decodes a copy of a body for display (RFC 9110 §8.4: codings are listed in the order applied, so undo them
 * in reverse). A truncated body decodes as far as it goes. Returns null for an unknown coding, a corrupt body, or
 * one that would decode to more than maxOutputLength bytes (a compression bomb must not fill the proxy's memory).
 */
export function decodeContent(
  body: Buffer,
  contentEncoding: string | undefined,
  maxOutputLength: number,
): Buffer | null {
  if (!contentEncoding || body.length === 0) return body;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  let out = body;
  const limits = { maxOutputLength };
  try {
    for (const coding of codings) {
      if (coding === 'gzip' || coding === 'x-gzip')
        out = gunzipSync(out, { finishFlush: constants.Z_SYNC_FLUSH, ...limits });
      else if (coding === 'br')
        out = brotliDecompressSync(out, { finishFlush: constants.BROTLI_OPERATION_FLUSH, ...limits });
      else if (coding === 'deflate') {
        // RFC 9110 §8.4.1.2 says zlib-wrapped; some servers send raw deflate anyway.
        try {
          out = inflateSync(out, { finishFlush: constants.Z_SYNC_FLUSH, ...limits });
        } catch {
          out = inflateRawSync(out, { finishFlush: constants.Z_SYNC_FLUSH, ...limits });
        }
      } else return null;
    }
  } catch {
    return null;
  }
  return out;
}

const TEXTUAL =
  /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|ecmascript|x-www-form-urlencoded|jwt|jose|graphql)|image\/svg\+xml)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Body as HAR text: UTF-8 when it is text, base64 otherwise (binary bodies stay byte-exact). */
export function bodyText(bytes: Buffer, mimeType: string): { text: string; encoding?: 'base64' } {
  if (bytes.length === 0) return { text: '' };
  if (TEXTUAL.test(mimeType)) return { text: bytes.toString('utf8') };
  try {
    const text = utf8.decode(bytes);
    // Control characters other than whitespace mean binary even when the bytes happen to be valid UTF-8.
    if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return { text };
  } catch {
    // not UTF-8
  }
  return { text: bytes.toString('base64'), encoding: 'base64' };
}
