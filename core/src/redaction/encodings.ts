// The written forms a value takes in a HAR (percent-encoded, form-encoded, JSON-escaped) and UTF-8 base64.

/** `application/x-www-form-urlencoded` serialization of one value (WHATWG URL §5.2): spaces as `+`. */
export function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** Decodes a form or query component; the raw text when it is not valid percent-encoding. */
export function formDecode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Every form a value can be written in inside a HAR, the value itself first. */
export function writtenForms(value: string): string[] {
  const percent = encodeURIComponent(value);
  const json = JSON.stringify(value).slice(1, -1);
  return [
    ...new Set([
      value,
      percent,
      percent.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      formEncode(value),
      json,
      json.replace(/\//g, '\\/'),
    ]),
  ];
}

/** UTF-8 text as standard base64 (RFC 4648 §4). */
export function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Standard base64 decoded as UTF-8 text, or undefined when it is not base64 or not text (binary bodies stay untouched). */
export function fromBase64(data: string): string | undefined {
  try {
    const bytes = Uint8Array.from(atob(data.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
