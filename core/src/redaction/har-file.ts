// A HAR file published redacted: its entries redacted and its log saying what was replaced and what was kept.
import type { HarFile, HarLog } from '../har.ts';
import type { SecretKind } from './credential-fields.ts';
import type { RedactedKind } from './placeholders.ts';
import { redactExchanges, type RedactionPolicy } from './redact.ts';

/** What a published file says about its redaction (a custom `_` field, as HAR 1.2 allows). */
export interface RedactionNote {
  redacted: RedactedKind[];
  kept: SecretKind[];
}

export type RedactedHarFile = HarFile & { log: HarLog & { _redacted: RedactionNote } };

function describe(note: RedactionNote): string {
  const replaced = note.redacted.map((r) => `${r.kind} (${r.count})`).join(', ') || 'nothing';
  const kept = note.kept.join(', ') || 'nothing';
  return `Redacted: ${replaced}, each value as a stable REDACTED-<kind>-<n>; kept as captured: ${kept}.`;
}

/** Counts of an earlier redaction of the same file plus this one's (a second run finds nothing new). */
function merge(earlier: readonly RedactedKind[], now: readonly RedactedKind[]): RedactedKind[] {
  const counts = new Map<SecretKind, number>();
  for (const { kind, count } of [...earlier, ...now]) counts.set(kind, (counts.get(kind) ?? 0) + count);
  return [...counts].map(([kind, count]) => ({ kind, count }));
}

/** The file with its entries redacted by the policy, `log._redacted` listing the kinds, and a sentence in `log.comment`. */
export function redactHarFile(har: HarFile, policy: RedactionPolicy = {}): RedactedHarFile {
  const earlier = (har.log as Partial<RedactedHarFile['log']>)._redacted?.redacted ?? [];
  // A file redacted again numbers its new placeholders after the ones it already holds, so none means two values.
  const redaction = redactExchanges(har.log.entries, { ...policy, after: earlier });
  const note: RedactionNote = { redacted: merge(earlier, redaction.redacted), kept: redaction.kept };
  // A file redacted again keeps its first sentence about the capture, not the earlier redaction's.
  const comment = (har.log.comment ?? '').replace(/\s*Redacted: [^;]*; kept as captured: [^.]*\./, '');
  return {
    log: {
      ...har.log,
      entries: redaction.exchanges,
      comment: `${comment ? `${comment} ` : ''}${describe(note)}`,
      _redacted: note,
    },
  };
}
