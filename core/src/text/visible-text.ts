// Makes captured strings safe to show: control, bidi and other invisible characters become visible escapes.

/**
 * C0 and C1 controls (ESC starts terminal sequences such as OSC 52), DEL, and the Unicode format characters
 * that reorder or hide text: bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
 * marks U+200E/U+200F/U+061C, zero-width characters (U+200B–U+200D, U+2060, U+FEFF), line and paragraph
 * separators (U+2028, U+2029). Tab and line feed are kept only where the caller allows them.
 */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;
const INVISIBLE_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16).toUpperCase()}}`;
}

export interface VisibleTextOptions {
  /** Keep line feeds and tabs as they are (a body shown on several lines). Default false: one line. */
  multiline?: boolean;
}

/**
 * The string with every control and invisible formatting character written as a visible escape
 * (`\x1b`, `\u{202E}`), so that a terminal does not act on it and a reader sees it is there.
 */
export function visibleText(value: string, options: VisibleTextOptions = {}): string {
  const pattern = options.multiline ? INVISIBLE : INVISIBLE_OR_BREAK;
  return value.replace(pattern, escapeOne);
}

/** True when `visibleText` would change the string: it holds characters a reader cannot see. */
export function hasInvisibleText(value: string): boolean {
  INVISIBLE_OR_BREAK.lastIndex = 0;
  const found = INVISIBLE_OR_BREAK.test(value.replace(/[\t\n]/g, ''));
  INVISIBLE_OR_BREAK.lastIndex = 0;
  return found;
}
