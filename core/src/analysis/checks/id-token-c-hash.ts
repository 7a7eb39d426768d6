// id-token.c-hash: c_hash is the left half of the hash of the code issued with the ID token, and is present in a hybrid response (OIDC Core §3.3.2.11).
import { defineCheck } from './check.ts';
import { oidc } from './spec-refs.ts';
import { idTokenIssuances } from './jwt-units.ts';
import { hashForAlg } from '../crypto-cache.ts';

export default defineCheck({ id: 'id-token.c-hash', severity: 'must', title: 'c_hash matches the code', spec: [oidc('3.3.2.11', 'HybridIDToken')] }, async (env, emit) => {
  for (const { claims, alg, code } of idTokenIssuances(env)) if (code && typeof claims.c_hash === 'string') env.crypto.warm(hashForAlg(alg), code);
  for (const { f, flow, response, claims, alg, code, claim } of idTokenIssuances(env)) {
    if (typeof claims.c_hash === 'string' && code) {
      const computed = await env.crypto.leftHalfHash(alg, code);
      const ok = computed === claims.c_hash;
      emit(f.id, ok ? 'pass' : 'fail', ok ? 'c_hash matches the code issued with it.' : 'c_hash does not match the code issued with it.', [claim('c_hash')], { computed: [{ label: 'code', value: code }, { label: `left half of ${alg} hash → base64url`, value: computed ?? '(unknown alg)' }, { label: 'c_hash', value: claims.c_hash }] });
    } else if (flow?.info.kind === 'hybrid' && code && response && claims.c_hash === undefined) {
      emit(f.id, 'fail', 'An ID token returned with a code from the authorization endpoint must carry c_hash.', [claim('c_hash')]);
    }
  }
});
