// Tests for the exchange builder's clock: the cached ISO 8601 text is what Date#toISOString gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoNow } from './exchange-builder.ts';

describe('isoNow', () => {
  it('says what Date#toISOString says, for any millisecond, in any order', () => {
    const instant = fc.integer({ min: 0, max: 253_402_300_799_999 }); // up to 9999-12-31T23:59:59.999Z
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (list) => {
        for (const ms of list) expect(isoNow(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('pads the milliseconds and moves on with the second', () => {
    expect(isoNow(Date.UTC(2026, 11, 2, 15, 0, 0, 7))).toBe('2026-12-02T15:00:00.007Z');
    expect(isoNow(Date.UTC(2026, 11, 2, 15, 0, 0, 70))).toBe('2026-12-02T15:00:00.070Z');
    expect(isoNow(Date.UTC(2026, 11, 2, 15, 0, 1, 0))).toBe('2026-12-02T15:00:01.000Z');
  });
});
