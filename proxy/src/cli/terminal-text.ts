// JSON meant for a terminal: still valid JSON, with the characters a terminal would act on or hide escaped.
import { hasInvisibleText } from '@oauth-inspector/core';

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1 controls (U+009B starts a terminal sequence) and bidi
 * or zero-width characters raw. This writes those as \uXXXX, which parse back to the same value; what counts
 * as invisible is core's rule (visible-text.ts).
 */
export function jsonForTerminal(json: string): string {
  return json.replace(/[^\x20-\x7e\n]/g, (ch) =>
    hasInvisibleText(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch,
  );
}
