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

/** Longest visual row of the large-text viewer: longer lines are cut into rows this long (the text stays intact). */
export const ROW_CHARS = 2000;

/** A large text as visual rows for a virtualized viewer: one per line, long lines cut into `width`-character rows. */
export function textRows(text: string, width = ROW_CHARS): string[] {
  const rows: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.length <= width) rows.push(line);
    else for (let i = 0; i < line.length; i += width) rows.push(line.slice(i, i + width));
  }
  return rows;
}

/** Browsers cap an element's height (about 33.5 million px in Chromium): taller content is scrolled by proportion. */
export const MAX_SCROLL_PX = 16_000_000;

export interface RowWindow {
  /** First and one past the last row to render. */
  start: number;
  end: number;
  /** Where the first rendered row goes, in px from the top of the scrolled content. */
  top: number;
  /** Height of the scrolled content. */
  height: number;
}

/**
 * The rows to render for a scroll position. Up to `MAX_SCROLL_PX` rows sit at their own offset; beyond it the
 * scroll position maps proportionally onto the rows, so that even millions of rows reach their end.
 */
export function rowWindow(total: number, scrollTop: number, viewportHeight: number, rowHeight: number): RowWindow {
  const natural = total * rowHeight;
  const height = Math.min(natural, MAX_SCROLL_PX);
  const perPage = Math.ceil(viewportHeight / rowHeight) + 1;
  const maxScroll = Math.max(1, height - viewportHeight);
  const first =
    natural <= MAX_SCROLL_PX
      ? Math.floor(scrollTop / rowHeight)
      : Math.round((Math.min(scrollTop, maxScroll) / maxScroll) * Math.max(0, total - perPage));
  const start = Math.max(0, Math.min(first, total));
  const end = Math.min(total, start + perPage);
  const top = natural <= MAX_SCROLL_PX ? start * rowHeight : Math.min(scrollTop, maxScroll);
  return { start, end, top, height };
}
