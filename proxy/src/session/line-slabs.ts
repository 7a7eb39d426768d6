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

/**
 * Appends text lines to slabs of SLAB_BYTES (a longer line gets a slab of its own size). A slab is only ever written
 * past its last line, so the bytes handed out stay as they are for as long as anyone holds them: the journal's
 * asynchronous write and a reconnecting client's history can read them while new lines go on being written.
 *
 * Buffer.from(string) per line cost, besides its copy, a share of an 8 KiB pool buffer per line: thousands of small
 * buffers a second that the window kept alive made up most of the capture proxy's garbage-collection time.
 */
export class LineSlabs {
  private slab = Buffer.allocUnsafeSlow(0);
  private used = 0;

  /** Writes `text` (UTF-8) and a newline; the spot's object is short-lived, the slab is shared. */
  write(text: string): LineSpot {
    // UTF-8 takes at most three bytes per UTF-16 unit; only a line that may not fit is measured exactly.
    let room = this.slab.length - this.used - 1;
    if (text.length * 3 > room && Buffer.byteLength(text) > room) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, Buffer.byteLength(text) + 1));
      this.used = 0;
      room = this.slab.length - 1;
    }
    const start = this.used;
    const end = start + this.slab.write(text, start, room, 'utf8');
    this.slab[end] = NEWLINE;
    this.used = end + 1;
    return { slab: this.slab, start, end };
  }
}
