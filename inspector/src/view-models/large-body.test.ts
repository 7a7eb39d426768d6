// Large bodies: the threshold above which a body waits for "Show anyway", and the size it is announced with.
import { describe, expect, it } from 'vitest';
import { isLargeBody, LARGE_BODY_CHARS, sizeLabel } from './large-body.ts';

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
