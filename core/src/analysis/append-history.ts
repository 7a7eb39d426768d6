// The in-place appends since the last rebuild, each with the journal that undoes it, so recent ones can be rolled back.
import type { ExchangeLabel, Finding } from './types.ts';
import type { CryptoCache } from './crypto-cache.ts';
import type { CachedFacts, State } from './fold.ts';
import { appendToState } from './incremental.ts';
import { UndoJournal } from './undo-journal.ts';

/** In-place appends that can still be rolled back; older ones are forgotten (a change to them means a rebuild). */
const MAX_UNDO = 256;

interface Entry {
  id: string;
  journal: UndoJournal;
  /** The flattened output before this append (appends that change nothing earlier only extend those arrays). */
  flat: { labels: ExchangeLabel[]; findings: Finding[]; labelCount: number; findingCount: number } | undefined;
}

export class AppendHistory {
  private entries: Entry[] = [];

  clear(): void {
    this.entries = [];
  }

  /** Forgets all but the newest MAX_UNDO appends. */
  trim(): void {
    if (this.entries.length > MAX_UNDO) this.entries = this.entries.slice(this.entries.length - MAX_UNDO);
  }

  async append(state: State, c: CachedFacts, crypto: CryptoCache): Promise<void> {
    const flat = state.flat
      ? {
          labels: state.flat.labels,
          findings: state.flat.findings,
          labelCount: state.flat.labels.length,
          findingCount: state.flat.findings.length,
        }
      : undefined;
    const journal = new UndoJournal();
    await appendToState(state, c, crypto, journal);
    this.entries.push({ id: c.facts.id, journal, flat });
  }

  /**
   * Undoes the in-place appends from the earliest replaced exchange on, adding the undone ids to `adds`; false when one
   * of them is too old to undo. Calls onUndo once per undone append.
   */
  rollBack(state: State, replaced: Set<string>, adds: Set<string>, onUndo: () => void): boolean {
    let from = this.entries.length;
    for (const id of replaced) {
      const i = this.entries.findIndex((h) => h.id === id);
      if (i < 0) return false;
      from = Math.min(from, i);
    }
    for (let i = this.entries.length - 1; i >= from; i--) {
      this.entries[i]!.journal.rollback();
      adds.add(this.entries[i]!.id);
      onUndo();
    }
    // The flattened output is still good up to where it stood before the first undone append, if that append and the
    // later ones only extended it (the same arrays); flow copies are redone, since undone and new exchanges can swap.
    const mark = this.entries[from]?.flat;
    const flat = state.flat;
    if (
      mark &&
      flat &&
      flat.labels === mark.labels &&
      flat.findings === mark.findings &&
      flat.labels.length >= mark.labelCount &&
      flat.findings.length >= mark.findingCount
    ) {
      flat.labels.length = mark.labelCount;
      flat.findings.length = mark.findingCount;
      state.flat = { labels: flat.labels, findings: flat.findings, flows: new Map() };
    } else {
      state.flat = undefined;
    }
    this.entries = this.entries.slice(0, from);
    return true;
  }
}
