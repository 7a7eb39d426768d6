// What one check is: its catalogue record (id, severity, title, spec sections) and the rule that emits its findings.
import type { CheckDefinition, CheckEnv, Emit } from '../check-env.ts';

export type { CheckDefinition, Emit } from '../check-env.ts';

export interface Check extends CheckDefinition {
  run(env: CheckEnv, emit: Emit): void | Promise<void>;
}

export function defineCheck(definition: CheckDefinition, run: Check['run']): Check {
  return { ...definition, run };
}
