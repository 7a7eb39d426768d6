// Records how to undo the mutations one in-place append makes to the analysis state, so recent appends can be rolled back.

/**
 * One journal per appended exchange. Writers call the helpers below with the journal (or undefined during a full
 * build, when nothing needs undoing); rollback() undoes the recorded mutations in reverse order.
 */
export class UndoJournal {
  private undo: (() => void)[] = [];

  record(step: () => void): void {
    this.undo.push(step);
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
    this.undo = [];
  }
}

/** map.set(key, value), remembering what was there before. */
export function setIn<K, V>(journal: UndoJournal | undefined, map: Map<K, V>, key: K, value: V): void {
  if (journal) {
    const had = map.has(key);
    const old = map.get(key);
    journal.record(() => {
      if (had) map.set(key, old as V);
      else map.delete(key);
    });
  }
  map.set(key, value);
}

/** map.delete(key), remembering what was there before. */
export function deleteIn<K, V>(journal: UndoJournal | undefined, map: Map<K, V>, key: K): void {
  if (journal && map.has(key)) {
    const old = map.get(key) as V;
    journal.record(() => void map.set(key, old));
  }
  map.delete(key);
}

/** list.push(value); undone by a pop, which is right because undo runs in reverse order. */
export function pushTo<T>(journal: UndoJournal | undefined, list: T[], value: T): void {
  list.push(value);
  if (journal) journal.record(() => void list.pop());
}

/** target[key] = value, remembering the old value (or its absence). */
export function assign<T extends object, K extends keyof T>(
  journal: UndoJournal | undefined,
  target: T,
  key: K,
  value: T[K],
): void {
  if (journal) {
    const had = Object.prototype.hasOwnProperty.call(target, key);
    const old = target[key];
    journal.record(() => {
      if (had) target[key] = old;
      else delete target[key];
    });
  }
  target[key] = value;
}
