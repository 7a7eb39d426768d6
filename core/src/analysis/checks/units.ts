// Units many checks visit, collected once per check run and shared by the checks of that run; and the dirty exchanges carrying a label.
import type { CheckEnv } from '../check-env.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { RecognizerId } from '../ids.ts';

const collected = new WeakMap<CheckEnv, Map<unknown, readonly unknown[]>>();

/**
 * The units `collect` yields for this run, computed by the first check that asks and reused by the others (the env is
 * new for every run, so nothing outlives it). `key` names the collection.
 */
export function shared<T>(env: CheckEnv, key: unknown, collect: () => Iterable<T>): readonly T[] {
  let byKey = collected.get(env);
  if (!byKey) collected.set(env, (byKey = new Map()));
  let units = byKey.get(key) as readonly T[] | undefined;
  if (!units) byKey.set(key, (units = [...collect()]));
  return units;
}

/** The dirty exchanges carrying `label`, in capture order. */
export function labelled(env: CheckEnv, label: RecognizerId): readonly ExchangeFacts[] {
  return shared(env, `label:${label}`, () =>
    env.units.facts.filter((f) => env.dirty(f.id) && env.labels.get(f.id)?.has(label)),
  );
}
