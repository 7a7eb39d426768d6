// The second pass: every written form of every registered secret replaced wherever it appears, not only where found.
import type { Exchange } from '../har.ts';
import { writtenForms } from './encodings.ts';
import { parseJsonDocument, stringifyLike } from './json-body.ts';
import { mapExchangeStrings } from './walk-strings.ts';

/** Shorter values are replaced only where they were found: elsewhere they would match ordinary text. */
const MIN_SEARCHED = 6;
/** Values shorter than this are replaced elsewhere only as whole words, never inside a longer word. */
const MIN_UNBOUNDED = 12;

/**
 * Whether a secret is also looked for outside the field it was found in: long values always; shorter ones unless
 * they are a plain word (`accepted`, `enabled` as a cookie value), which would match ordinary text.
 */
export function searchedElsewhere(value: string): boolean {
  return value.length >= MIN_UNBOUNDED || (value.length >= MIN_SEARCHED && !/^[A-Z]?[a-z]+$/.test(value));
}

/** A letter or digit: a short secret is replaced only where none touches it, so `abc123` is not found in `xabc123`. */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Replaces every form (raw, percent-, form- and JSON-encoded) of every secret with its placeholder. */
export class Substituter {
  private readonly forms = new Map<string, string>();
  private readonly numbers = new Map<string, string>();
  /** Forms by their first MIN_SEARCHED characters, longest first: one lookup per position, however many secrets. */
  private readonly byPrefix = new Map<string, string[]>();

  constructor(secrets: Iterable<[string, string]>) {
    for (const [value, placeholder] of secrets) {
      if (!searchedElsewhere(value)) continue;
      if (/^-?\d+(\.\d+)?$/.test(value)) this.numbers.set(value, placeholder);
      for (const form of writtenForms(value)) if (!this.forms.has(form)) this.forms.set(form, placeholder);
    }
    for (const form of this.forms.keys()) {
      const prefix = form.slice(0, MIN_SEARCHED);
      this.byPrefix.set(prefix, [...(this.byPrefix.get(prefix) ?? []), form]);
    }
    // Longest first, so a secret inside a longer one cannot leave a piece of the longer one behind.
    for (const list of this.byPrefix.values()) list.sort((a, b) => b.length - a.length);
  }

  private matchAt(text: string, at: number): string | undefined {
    const candidates = this.byPrefix.get(text.slice(at, at + MIN_SEARCHED));
    return candidates?.find((form) => {
      if (!text.startsWith(form, at)) return false;
      if (form.length >= MIN_UNBOUNDED) return true;
      const end = at + form.length;
      return (
        !(at > 0 && isWordChar(text.charCodeAt(at - 1))) && !(end < text.length && isWordChar(text.charCodeAt(end)))
      );
    });
  }

  text(value: string): string {
    if (this.byPrefix.size === 0 || value.length < MIN_SEARCHED) return value;
    let out = '';
    let last = 0;
    for (let at = 0; at + MIN_SEARCHED <= value.length;) {
      const form = this.matchAt(value, at);
      if (form === undefined) {
        at++;
        continue;
      }
      out += value.slice(last, at) + this.forms.get(form)!;
      at += form.length;
      last = at;
    }
    return last === 0 ? value : out + value.slice(last);
  }

  /** A body: JSON is walked (so a numeric secret becomes a string, keeping the JSON valid), anything else as text. */
  body(text: string): string {
    const doc = parseJsonDocument(text);
    if (doc === undefined) return this.text(text);
    let changed = false;
    const visit = (node: unknown): unknown => {
      if (typeof node === 'string') {
        const out = this.text(node);
        if (out !== node) changed = true;
        return out;
      }
      if (typeof node === 'number') {
        const placeholder = this.numbers.get(String(node));
        if (placeholder) changed = true;
        return placeholder ?? node;
      }
      if (Array.isArray(node)) return node.map(visit);
      if (node === null || typeof node !== 'object') return node;
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [visit(k) as string, visit(v)]));
    };
    const out = visit(doc);
    return changed ? stringifyLike(text, out as never) : text;
  }

  exchange(exchange: Exchange): Exchange {
    if (this.byPrefix.size === 0) return exchange;
    return mapExchangeStrings(exchange, { text: (s) => this.text(s), body: (plain) => this.body(plain) });
  }
}
