// The shared rule behind at_hash and c_hash: the claim is the base64url left half of the hash (by alg) of a value issued with the ID token (OIDC Core §3.1.3.6).
import type { CheckEnv } from '../check-env.ts';
import type { Emit } from './check.ts';
import { idTokenIssuances, type IdTokenIssuance } from './jwt-units.ts';
import { hashForAlg } from '../crypto-cache.ts';
import { isRedactedValue } from '../jwt-decode.ts';

export interface LeftHalfHashRule {
  claim: 'at_hash' | 'c_hash';
  /** The value the claim hashes, e.g. `access_token`, and where to find it in an issuance. */
  label: string;
  value(unit: IdTokenIssuance): string | undefined;
  matches: string;
  differs: string;
  /** When the claim must be there although it is not (the authorization endpoint returned the value with the ID token). */
  required(unit: IdTokenIssuance): boolean;
  missing: string;
}

export async function judgeLeftHalfHash(env: CheckEnv, emit: Emit, rule: LeftHalfHashRule): Promise<void> {
  // Start the digests first so they run concurrently; the loop below awaits them in order.
  for (const unit of idTokenIssuances(env)) {
    const value = rule.value(unit);
    if (value && !isRedactedValue(value) && typeof unit.claims[rule.claim] === 'string')
      env.crypto.warm(hashForAlg(unit.alg), value);
  }
  for (const unit of idTokenIssuances(env)) {
    const { f, claims, alg, claim } = unit;
    const value = rule.value(unit);
    const expected = claims[rule.claim];
    if (typeof expected === 'string' && value && isRedactedValue(value)) {
      emit(
        f.id,
        'not-applicable',
        `The ${rule.label} was redacted in this file, so ${rule.claim} cannot be recomputed from it.`,
        [claim(rule.claim)],
      );
    } else if (typeof expected === 'string' && value) {
      const computed = await env.crypto.leftHalfHash(alg, value);
      const ok = computed === expected;
      emit(f.id, ok ? 'pass' : 'fail', ok ? rule.matches : rule.differs, [claim(rule.claim)], {
        computed: [
          { label: rule.label, value },
          { label: `left half of ${alg} hash → base64url`, value: computed ?? '(unknown alg)' },
          { label: rule.claim, value: expected },
        ],
      });
    } else if (expected === undefined && rule.required(unit)) {
      emit(f.id, 'fail', rule.missing, [claim(rule.claim)]);
    }
  }
}
