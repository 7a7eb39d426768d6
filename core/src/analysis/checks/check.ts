// What one check is: its catalogue record (id, severity, title, spec sections) and the rule that emits its findings.
import type { CheckId } from '../ids.ts';
import type { CheckStatus, Evidence, Finding, Severity, SpecRef } from '../types.ts';
import type { CheckEnv } from '../check-env.ts';

export interface CheckDefinition {
  id: CheckId;
  severity: Severity;
  title: string;
  spec: SpecRef[];
}

/** Reports one finding of the check it was made for, anchored at `exchangeId`. */
export type Emit = (
  exchangeId: string,
  status: CheckStatus,
  message: string,
  evidence: Evidence[],
  extra?: Pick<Finding, 'computed'>,
) => void;

export interface Check extends CheckDefinition {
  run(env: CheckEnv, emit: Emit): void | Promise<void>;
}

export function defineCheck(definition: CheckDefinition, run: Check['run']): Check {
  return { ...definition, run };
}
