// The second pass: every written form of every registered secret replaced wherever it appears, not only where found.
import type { Exchange } from '../har.ts';
import { writtenForms } from './encodings.ts';
import { parseJsonDocument, stringifyLike } from './json-body.ts';
import { mapExchangeStrings } from './walk-strings.ts';

/** Shorter values are replaced only where they were found: elsewhere they would match ordinary text. */
const MIN_SEARCHED = 6;
/** Values shorter than this are replaced elsewhere only as whole words, never inside a longer word. */
const MIN_UNBOUNDED = 12;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every form (raw, percent-, form- and JSON-encoded) of every secret with its placeholder. */
export class Substituter {
  private readonly forms = new Map<string, string>();
  private readonly numbers = new Map<string, string>();
  private readonly pattern: RegExp | undefined;

  constructor(secrets: Iterable<[string, string]>) {
    for (const [value, placeholder] of secrets) {
      if (value.length < MIN_SEARCHED) continue;
      if (/^-?\d+(\.\d+)?$/.test(value)) this.numbers.set(value, placeholder);
      for (const form of writtenForms(value)) if (!this.forms.has(form)) this.forms.set(form, placeholder);
    }
    // Longest first, so a secret inside a longer one cannot leave a piece of the longer one behind.
    const alternatives = [...this.forms.keys()]
      .sort((a, b) => b.length - a.length)
      .map((form) => (form.length < MIN_UNBOUNDED ? `(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])` : escapeRegExp(form)));
    this.pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : undefined;
  }

  text(value: string): string {
    return this.pattern ? value.replace(this.pattern, (form) => this.forms.get(form) ?? form) : value;
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
    if (!this.pattern) return exchange;
    return mapExchangeStrings(exchange, { text: (s) => this.text(s), body: (plain) => this.body(plain) });
  }
}
