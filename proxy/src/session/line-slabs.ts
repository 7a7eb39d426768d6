// Journal lines written one after another into large buffers, so a busy session allocates a buffer per MiB, not per line.

/** Bytes of a slab: one allocation (and one object for the garbage collector to track) for hundreds of lines. */
export const SLAB_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/** Where one line went: bytes `start` to `end` of `slab`, its newline at `end`. */
export interface LineSpot {
  slab: Buffer;
  start: number;
  end: number;
}

/** A line longer than this gets a buffer of its own, and the slab being filled goes on with the lines after it. */
const OWN_BUFFER_BYTES = SLAB_BYTES / 4;

/**
 * Appends text lines to slabs of SLAB_BYTES. A slab is only ever written past its last line, so the bytes handed out
 * stay as they are for as long as anyone holds them: the journal's asynchronous write and a reconnecting client's
 * history can read them while new lines go on being written. A slab is left with less than OWN_BUFFER_BYTES unused,
 * so the slabs holding a set of lines take at most a third more memory than the lines, plus the slab being filled.
 *
 * Buffer.from(string) per line cost, besides its copy, a share of an 8 KiB pool buffer per line: thousands of small
 * buffers a second that the window kept alive made up most of the capture proxy's garbage-collection time.
 */
export class LineSlabs {
  private slab = Buffer.allocUnsafeSlow(0);
  private used = 0;

  /** Writes `text` (UTF-8) and a newline; the spot's object is short-lived, the slab is shared. */
  write(text: string): LineSpot {
    // UTF-8 takes at most three bytes per UTF-16 unit: only a line that may be long is measured exactly.
    const bytes = text.length * 3 > OWN_BUFFER_BYTES ? Buffer.byteLength(text) : -1;
    if (bytes > OWN_BUFFER_BYTES) {
      const own = Buffer.allocUnsafeSlow(bytes + 1);
      own.write(text, 0, bytes, 'utf8');
      own[bytes] = NEWLINE;
      return { slab: own, start: 0, end: bytes };
    }
    const room = this.slab.length - this.used - 1;
    if ((bytes < 0 ? text.length * 3 : bytes) > room && Buffer.byteLength(text) > room) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.used = 0;
    }
    const start = this.used;
    const end = start + this.slab.write(text, start, this.slab.length - start - 1, 'utf8');
    this.slab[end] = NEWLINE;
    this.used = end + 1;
    return { slab: this.slab, start, end };
  }
}
