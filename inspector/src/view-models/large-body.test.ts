// Large bodies: the threshold above which a body waits for "Show anyway", and the size it is announced with.
import { describe, expect, it } from 'vitest';
import {
  isLargeBody,
  LARGE_BODY_CHARS,
  MAX_SCROLL_PX,
  ROW_CHARS,
  rowWindow,
  sizeLabel,
  textRows,
} from './large-body.ts';

describe('large bodies', () => {
  it('holds back a body only above 1 MiB of text', () => {
    expect(isLargeBody('x'.repeat(LARGE_BODY_CHARS))).toBe(false);
    expect(isLargeBody('x'.repeat(LARGE_BODY_CHARS + 1))).toBe(true);
    expect(LARGE_BODY_CHARS).toBe(1_048_576);
  });

  it('announces sizes in bytes, KiB and MiB', () => {
    expect(sizeLabel(512)).toBe('512 bytes');
    expect(sizeLabel(2048)).toBe('2.0 KiB');
    expect(sizeLabel(60 * 1024 * 1024)).toBe('60.0 MiB');
  });
});

describe('large-text rows', () => {
  it('keeps every character: one row per line, long lines cut into rows of the width', () => {
    const text = `short\r\n${'a'.repeat(5)}\n\nend`;
    expect(textRows(text, 5)).toEqual(['short', 'aaaaa', '', 'end']);
    expect(textRows('abcde', 2)).toEqual(['ab', 'cd', 'e']);
    const long = `${'x'.repeat(4500)}\nlast`;
    expect(textRows(long).join('')).toBe(long.replace('\n', ''));
    expect(textRows(long).every((row) => row.length <= ROW_CHARS)).toBe(true);
  });

  it('renders only the rows in view, and reaches the last of millions of rows', () => {
    expect(rowWindow(1000, 180, 90, 18)).toEqual({ start: 10, end: 16, top: 180, height: 18_000 });
    const total = 3_000_000;
    const top = rowWindow(total, 0, 900, 18);
    expect(top.height).toBe(MAX_SCROLL_PX);
    expect(top.start).toBe(0);
    const bottom = rowWindow(total, MAX_SCROLL_PX - 900, 900, 18);
    expect(bottom.end).toBe(total);
    expect(bottom.end - bottom.start).toBeLessThan(60);
    expect(bottom.top + (bottom.end - bottom.start) * 18).toBeLessThanOrEqual(MAX_SCROLL_PX + 18);
  });
});

describe('prettyBody and large bodies', () => {
  it('re-indents JSON below the threshold and leaves a large body as sent (re-indenting 60 MB froze the tab)', async () => {
    const { prettyBody } = await import('./exchange-detail.ts');
    expect(prettyBody('{"a":1}', 'json')).toBe('{\n  "a": 1\n}');
    const large = `[${'"x",'.repeat(LARGE_BODY_CHARS / 4)}"end"]`;
    expect(prettyBody(large, 'json')).toBe(large);
  });
});
