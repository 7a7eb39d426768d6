// Memoization for selectors: a function that recomputes only when one of its arguments changes (by identity).
/** Caches the last result and recomputes only when an argument changes (by identity). */
export function memo<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: A | undefined;
  let value: R;
  return (...args: A) => {
    if (!last || args.length !== last.length || args.some((a, i) => a !== last![i])) {
      value = fn(...args);
      last = args;
    }
    return value;
  };
}
