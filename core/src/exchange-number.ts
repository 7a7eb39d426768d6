// The one exchange id a person reads and types: `#5`, the 1-based capture number within its session (from `_seq`).
import type { Exchange } from './har.ts';

/**
 * The exchange's capture number, 1-based: `_seq + 1`. The proxy counts `_seq` from 0 in each session
 * (the counter part of its `_id`), exports and redacted exports keep it, and har-import keeps a file's `_seq`
 * when every entry has a distinct one (else it numbers entries by position, as for a DevTools HAR).
 */
export function exchangeNumber(exchange: Pick<Exchange, '_seq'>): number {
  return exchange._seq + 1;
}

/** The id as the CLI and the inspector show it: `#5`. */
export function exchangeLabel(exchange: Pick<Exchange, '_seq'>): string {
  return `#${exchangeNumber(exchange)}`;
}

/** The number a person typed (`5` or `#5`), or undefined when it is not one. */
export function parseExchangeNumber(text: string): number | undefined {
  const match = /^\s*#?(\d{1,9})\s*$/.exec(text);
  const number = match ? Number(match[1]) : NaN;
  return number >= 1 ? number : undefined;
}

/** The exchange a reference names: a capture number (`5`, `#5`) or, as older links and tools wrote it, an `_id`. */
export function findExchange<T extends Pick<Exchange, '_seq' | '_id'>>(
  exchanges: readonly T[],
  ref: string,
): T | undefined {
  const number = parseExchangeNumber(ref);
  return (
    (number !== undefined ? exchanges.find((x) => exchangeNumber(x) === number) : undefined) ??
    exchanges.find((x) => x._id === ref)
  );
}

/** Labels by `_id`, for naming the exchanges an analysis points at (steps, findings, flows). */
export function exchangeLabels(exchanges: readonly Pick<Exchange, '_seq' | '_id'>[]): Map<string, string> {
  return new Map(exchanges.map((x) => [x._id, exchangeLabel(x)]));
}
