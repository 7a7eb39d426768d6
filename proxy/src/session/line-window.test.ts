// Tests for the journal's slabs and the memory window over them: bytes that stay put, a cap that holds.
import { describe, expect, it } from 'vitest';
import { LineSlabs, SLAB_BYTES } from './line-slabs.ts';
import { LineWindow } from './line-window.ts';

describe('LineSlabs', () => {
  it('writes lines one after another, each followed by a newline, and never over an earlier one', () => {
    const slabs = new LineSlabs();
    const first = slabs.write('{"a":1}');
    const second = slabs.write('{"b":"é"}');
    expect(second.slab).toBe(first.slab);
    expect(second.start).toBe(first.end + 1);
    expect(first.slab.subarray(first.start, first.end + 1).toString()).toBe('{"a":1}\n');
    for (let i = 0; i < 2000; i++) slabs.write(`{"pad":"${'x'.repeat(1000)}"}`);
    expect(first.slab.subarray(first.start, first.end).toString()).toBe('{"a":1}');
    expect(second.slab.subarray(second.start, second.end).toString()).toBe('{"b":"é"}');
  });

  it('gives a line longer than a slab a slab of its own, multi-byte characters measured in bytes', () => {
    const slabs = new LineSlabs();
    const text = '€'.repeat(SLAB_BYTES / 2); // three bytes each: 1.5 slabs
    const spot = slabs.write(text);
    expect(spot.end - spot.start).toBe(Buffer.byteLength(text));
    expect(spot.slab.subarray(spot.start, spot.end).toString()).toBe(text);
    const next = slabs.write('after');
    expect(next.slab).not.toBe(spot.slab);
  });

  it('starts a new slab when the rest of the current one cannot hold a line', () => {
    const slabs = new LineSlabs();
    const line = 'y'.repeat(200 * 1024);
    const spots = Array.from({ length: 6 }, () => slabs.write(line));
    expect(spots[4]!.slab).toBe(spots[0]!.slab);
    expect(spots[5]!.slab).not.toBe(spots[0]!.slab);
    for (const s of spots) expect(s.slab.subarray(s.start, s.end).toString()).toBe(line);
  });

  it('puts a long line in a buffer of its own and goes on filling the current slab after it', () => {
    const slabs = new LineSlabs();
    const before = slabs.write('{"small":1}');
    const long = slabs.write('L'.repeat(300 * 1024));
    const after = slabs.write('{"small":2}');
    expect(long.slab).not.toBe(before.slab);
    expect(long.slab.length).toBe(300 * 1024 + 1);
    expect(after.slab).toBe(before.slab);
    expect(after.start).toBe(before.end + 1);
  });
});

describe('LineWindow', () => {
  it('keeps the newest lines within its cap, oldest first, and lets go of emptied slabs', () => {
    const slabs = new LineSlabs();
    const window = new LineWindow(10_000);
    for (let i = 0; i < 3000; i++) {
      const spot = slabs.write(`{"n":${i},"pad":"${'p'.repeat(500)}"}`);
      window.add(spot.slab, spot.start, spot.end);
    }
    const lines = window.lines();
    expect(window.size).toBeLessThanOrEqual(10_000);
    expect(lines.reduce((n, l) => n + l.length, 0)).toBe(window.size);
    const numbers = lines.map((l) => (JSON.parse(l.toString()) as { n: number }).n);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 3000 - numbers.length + i));
    expect(numbers.length).toBeGreaterThan(10);
  });

  it('hands out views that stay valid while newer lines push them out of the window', () => {
    const slabs = new LineSlabs();
    const window = new LineWindow(2_000);
    const add = (text: string) => {
      const spot = slabs.write(text);
      window.add(spot.slab, spot.start, spot.end);
    };
    add('{"kept":"by a client"}');
    const [held] = window.lines();
    for (let i = 0; i < 500; i++) add(`{"i":${i}}`);
    expect(window.lines()[0]!.toString()).not.toContain('kept');
    expect(held!.toString()).toBe('{"kept":"by a client"}');
  });

  it('drops a line larger than the cap at once and is empty after clear()', () => {
    const slabs = new LineSlabs();
    const window = new LineWindow(100);
    const big = slabs.write('z'.repeat(500));
    window.add(big.slab, big.start, big.end);
    expect(window.lines()).toEqual([]);
    const small = slabs.write('{}');
    window.add(small.slab, small.start, small.end);
    expect(window.lines().map(String)).toEqual(['{}']);
    window.clear();
    expect(window.size).toBe(0);
    expect(window.lines()).toEqual([]);
  });
});
