// Pure helpers for deep links (#step=9, #exchange=5, #view=checks), URL parameters and replay timing.

export const VIEW_NAMES = ['lesson', 'exchanges', 'checks', 'tokens', 'diagram'] as const;
export type LinkedView = (typeof VIEW_NAMES)[number];

export interface DeepLink {
  step?: number;
  /** `#exchange=5`: the exchange's number (core's exchange-number.ts); an `_id` from an older link also works. */
  exchange?: string;
  /** `#view=exchanges`: the view to open on. */
  view?: LinkedView;
}

export function parseHash(hash: string): DeepLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const link: DeepLink = {};
  const step = Number(params.get('step'));
  if (Number.isInteger(step) && step > 0) link.step = step;
  const exchange = params.get('exchange');
  if (exchange) link.exchange = exchange;
  const view = VIEW_NAMES.find((name) => name === params.get('view'));
  if (view) link.view = view;
  return link;
}

export function formatHash(link: DeepLink): string {
  const params = new URLSearchParams();
  if (link.step !== undefined) params.set('step', String(link.step));
  if (link.exchange !== undefined) params.set('exchange', link.exchange);
  if (link.view !== undefined) params.set('view', link.view);
  const text = params.toString();
  return text ? `#${text}` : '';
}

/** Bundled recording names are plain slugs: nothing that could walk out of /recordings/. */
export function recordingUrl(name: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/.test(name) && !name.includes('..')
    ? `/recordings/${encodeURIComponent(name.replace(/\.har$/, ''))}.har`
    : undefined;
}

/** The server's recording index, keeping only well-formed entries with names `recordingUrl` accepts. */
export function recordingList(json: unknown): { name: string; description: string }[] {
  const list = (json as { recordings?: unknown } | null)?.recordings;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const { name, description } = (entry ?? {}) as { name?: unknown; description?: unknown };
    return typeof name === 'string' && recordingUrl(name)
      ? [{ name, description: typeof description === 'string' ? description : '' }]
      : [];
  });
}

/** `?har=` is honoured only for URLs of the page's own origin. */
export function sameOriginUrl(candidate: string, pageOrigin: string): string | undefined {
  try {
    const url = new URL(candidate, pageOrigin);
    return url.origin === pageOrigin && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds to wait before revealing each exchange in playback: original gaps divided by speed, capped. */
export function playbackDelays(startTimes: readonly string[], speed: number, capMs = 4000): number[] {
  const times = startTimes.map((t) => Date.parse(t));
  return times.map((time, i) => {
    if (i === 0) return 0;
    const before = times[i - 1] ?? time;
    const gap = Number.isFinite(time) && Number.isFinite(before) ? Math.max(0, time - before) : 0;
    return Math.min(capMs, gap / Math.max(0.01, speed));
  });
}

/** Reconnect backoff: 0.5 s, 1 s, 2 s … capped at 10 s. */
export function backoffMs(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
}
