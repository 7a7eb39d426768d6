// visibleText: terminal escape sequences, bidi overrides and zero-width characters become visible escapes.
import { describe, expect, it } from 'vitest';
import { hasInvisibleText, visibleText } from './visible-text.ts';

describe('visibleText', () => {
  it('escapes ESC so an OSC 52 clipboard write or a title change is printed, not run', () => {
    const hostile = '\u001b]52;c;ZXZpbA==\u0007\u001b]0;pwned\u0007';
    const shown = visibleText(hostile);
    expect(shown).not.toMatch(/[\u0000-\u001f]/);
    expect(shown).toBe('\\x1b]52;c;ZXZpbA==\\x07\\x1b]0;pwned\\x07');
  });

  it('shows a right-to-left override by its code point', () => {
    expect(visibleText('evil\u202Egnp.exe')).toBe('evil\\u{202E}gnp.exe');
    expect(visibleText('a\u2066b\u200Bc\uFEFF')).toBe('a\\u{2066}b\\u{200B}c\\u{FEFF}');
  });

  it('keeps line feeds and tabs only when asked to', () => {
    expect(visibleText('a\nb\tc')).toBe('a\\x0ab\\x09c');
    expect(visibleText('a\nb\tc\r', { multiline: true })).toBe('a\nb\tc\\x0d');
  });

  it('leaves ordinary text, including non-Latin scripts, alone', () => {
    expect(visibleText('Ålice — 日本 עברית')).toBe('Ålice — 日本 עברית');
    expect(hasInvisibleText('plain')).toBe(false);
    expect(hasInvisibleText('x\u202Ey')).toBe(true);
  });
});
