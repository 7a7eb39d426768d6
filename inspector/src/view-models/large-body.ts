// Large bodies: above a threshold a body is announced with its size and rendered plain only when the user asks.

/**
 * 1 MiB of text: below it a body renders (and highlights) in well under a frame budget's worth of seconds;
 * a 60 MB body rendered at once froze the Response tab for 19 s.
 */
export const LARGE_BODY_CHARS = 1024 * 1024;

export function isLargeBody(text: string): boolean {
  return text.length > LARGE_BODY_CHARS;
}

/** A size for people: bytes, KiB or MiB with one decimal. */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
