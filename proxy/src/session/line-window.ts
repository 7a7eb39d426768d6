// The memory window: the last journal lines up to a byte cap, kept as offsets into their slabs, handed out as views.

/** The lines of one slab that are still in the window: line i is bytes starts[i] to ends[i]. */
interface SlabLines {
  slab: Buffer;
  starts: number[];
  ends: number[];
  /** Index of the oldest line still in the window. */
  head: number;
}

/**
 * Lines are recorded as numbers (arrays of small integers cost the garbage collector next to nothing), grouped by the
 * slab that holds them; a slab leaves once its last line did. Views are made only when history is asked for.
 */
const GONE: SlabLines = { slab: Buffer.alloc(0), starts: [], ends: [], head: 0 };

export class LineWindow {
  private groups: SlabLines[] = [];
  private first = 0;
  private bytes = 0;

  constructor(private readonly cap: number) {}

  /** Bytes of the lines in the window (without their newlines). */
  get size(): number {
    return this.bytes;
  }

  add(slab: Buffer, start: number, end: number): void {
    let group = this.groups[this.groups.length - 1];
    if (group?.slab !== slab || this.groups.length === this.first) {
      group = { slab, starts: [], ends: [], head: 0 };
      this.groups.push(group);
    }
    group.starts.push(start);
    group.ends.push(end);
    this.bytes += end - start;
    this.evict();
  }

  /** Drops the oldest lines until the window fits its cap again. */
  private evict(): void {
    while (this.bytes > this.cap && this.first < this.groups.length) {
      const group = this.groups[this.first]!;
      this.bytes -= group.ends[group.head]! - group.starts[group.head]!;
      group.head++;
      if (group.head === group.starts.length) this.groups[this.first++] = GONE; // its slab may be freed now
    }
    if (this.first > 64 && this.first * 2 > this.groups.length) {
      this.groups = this.groups.slice(this.first);
      this.first = 0;
    }
  }

  /** The window's lines, oldest first, as views of the slabs (no copy: slabs are never written over). */
  lines(): Buffer[] {
    const out: Buffer[] = [];
    for (let g = this.first; g < this.groups.length; g++) {
      const group = this.groups[g]!;
      for (let i = group.head; i < group.starts.length; i++)
        out.push(group.slab.subarray(group.starts[i], group.ends[i]));
    }
    return out;
  }

  clear(): void {
    this.groups = [];
    this.first = 0;
    this.bytes = 0;
  }
}
