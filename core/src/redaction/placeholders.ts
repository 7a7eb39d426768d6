// The placeholder map: one stable, numbered placeholder per distinct secret across a whole export.
import { NOT_SECRETS, type SecretKind } from './credential-fields.ts';

/** Prefix of every placeholder written where a secret was removed. */
export const REDACTED = 'REDACTED';

/** `REDACTED` alone or `REDACTED-<kind>-<n>` (a kind is lower-case words joined by `-`, e.g. `code-verifier`). */
const PLACEHOLDER = /^REDACTED(?:-[a-z]+(?:-[a-z]+)*-[1-9][0-9]*)?$/;

/** True when a value is a placeholder redaction wrote where a secret was removed, so the secret is not in the file. */
export function isRedactedPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** How many distinct values of one kind were replaced. */
export interface RedactedKind {
  kind: SecretKind;
  count: number;
}

/**
 * Secrets in the order first seen, each with `REDACTED-<kind>-<n>`: the same value gets the same placeholder
 * wherever it appears, so a reader can still follow it from the message that issued it to the ones that use it.
 * Placeholders use only base64url characters, so a JWS keeps its three-part shape and a token stays a token68.
 */
export class Placeholders {
  private readonly byValue = new Map<string, string>();
  private readonly counts = new Map<SecretKind, number>();
  /** The last number given to each kind, starting after the placeholders an earlier redaction already wrote. */
  private readonly last: Map<SecretKind, number>;

  constructor(
    private readonly redacted: ReadonlySet<SecretKind>,
    earlier: readonly RedactedKind[] = [],
  ) {
    this.last = new Map(earlier.map(({ kind, count }) => [kind, count]));
  }

  /** Registers a secret of this kind, unless the policy keeps the kind or the value is no secret at all. */
  note(value: string, kind: SecretKind): void {
    if (!this.redacted.has(kind) || this.byValue.has(value)) return;
    // Already a placeholder (a file redacted twice), or a word a buggy client sends instead of a credential.
    if (NOT_SECRETS.has(value.trim().toLowerCase()) || isRedactedPlaceholder(value)) return;
    const n = (this.last.get(kind) ?? 0) + 1;
    this.last.set(kind, n);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.byValue.set(value, `${REDACTED}-${kind}-${n}`);
  }

  /** The placeholder of a registered secret, or undefined. */
  get(value: string): string | undefined {
    return this.byValue.get(value);
  }

  /** Every secret and its placeholder. */
  entries(): IterableIterator<[string, string]> {
    return this.byValue.entries();
  }

  /** How many distinct values of each kind were replaced (by this redaction, not an earlier one), in kind order. */
  report(): RedactedKind[] {
    return [...this.counts].map(([kind, count]) => ({ kind, count }));
  }
}
