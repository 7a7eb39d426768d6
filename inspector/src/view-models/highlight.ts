// Turns a body into plain-text tokens with Prism.tokenize (never Prism.highlight's HTML), for Lit to render as text nodes.
import Prism from 'prismjs';
import 'prismjs/components/prism-clike.js';
import 'prismjs/components/prism-markup.js';
import 'prismjs/components/prism-javascript.js';
import 'prismjs/components/prism-json.js';

export type BodyLanguage = 'json' | 'form' | 'html' | 'javascript' | 'plain';

export interface CodeToken {
  text: string;
  /** Prism token type (for a CSS class), empty for plain text. */
  kind: string;
}

const GRAMMAR: Record<Exclude<BodyLanguage, 'plain' | 'form'>, string> = {
  json: 'json',
  html: 'markup',
  javascript: 'javascript',
};

/** Longer bodies are shown plain: tokenizing megabytes would stall the page. */
export const HIGHLIGHT_LIMIT = 200_000;

function flatten(stream: Prism.TokenStream, kind: string, out: CodeToken[]): void {
  if (typeof stream === 'string') {
    out.push({ text: stream, kind });
  } else if (Array.isArray(stream)) {
    for (const part of stream) flatten(part, kind, out);
  } else {
    flatten(stream.content, stream.type, out);
  }
}

const FORM_GRAMMAR: Prism.Grammar = {
  name: /(^|&)[^=&]+(?==)/,
  punctuation: /[=&]/,
};

export function tokenize(text: string, language: BodyLanguage): CodeToken[] {
  if (language === 'plain' || text.length > HIGHLIGHT_LIMIT) return [{ text, kind: '' }];
  const grammar = language === 'form' ? FORM_GRAMMAR : Prism.languages[GRAMMAR[language]];
  if (!grammar) return [{ text, kind: '' }];
  const out: CodeToken[] = [];
  flatten(Prism.tokenize(text, grammar), '', out);
  return out;
}
