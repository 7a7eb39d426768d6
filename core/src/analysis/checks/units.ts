// Units many checks visit: the dirty exchanges carrying a label.
import type { CheckEnv } from '../check-env.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';
import type { RecognizerId } from '../ids.ts';

/** The dirty exchanges carrying `label`, in capture order. */
export function* labelled(env: CheckEnv, label: RecognizerId): Generator<ExchangeFacts> {
  for (const f of env.units.facts) if (env.dirty(f.id) && env.labels.get(f.id)?.has(label)) yield f;
}
