// id-token.at-hash: at_hash is the left half of the hash of the access token issued with the ID token, and is present when the authorization endpoint returns both (OIDC Core §3.1.3.8, §3.2.2.9).
import { defineCheck } from './check.ts';
import { oidc } from './spec-refs.ts';
import { idTokenIssuances } from './jwt-units.ts';
import { hashForAlg } from '../crypto-cache.ts';

export default defineCheck({ id: 'id-token.at-hash', severity: 'must', title: 'at_hash matches the access token', spec: [oidc('3.1.3.8', 'CodeIDToken'), oidc('3.2.2.9', 'ImplicitTokenValidation')] }, async (env, emit) => {
  // Start the digests first so they run concurrently; the loop below awaits them in order.
  for (const { claims, alg, accessToken } of idTokenIssuances(env)) if (accessToken && typeof claims.at_hash === 'string') env.crypto.warm(hashForAlg(alg), accessToken);
  for (const { f, flow, response, claims, alg, accessToken, claim } of idTokenIssuances(env)) {
    if (typeof claims.at_hash === 'string' && accessToken) {
      const computed = await env.crypto.leftHalfHash(alg, accessToken);
      const ok = computed === claims.at_hash;
      emit(f.id, ok ? 'pass' : 'fail', ok ? 'at_hash matches the access token issued with it.' : 'at_hash does not match the access token issued with it: the two were not issued together.', [claim('at_hash')], { computed: [{ label: 'access_token', value: accessToken }, { label: `left half of ${alg} hash → base64url`, value: computed ?? '(unknown alg)' }, { label: 'at_hash', value: claims.at_hash }] });
    } else if (flow?.info.kind === 'implicit' && accessToken !== undefined && response !== undefined && claims.at_hash === undefined) {
      emit(f.id, 'fail', 'An ID token returned with an access token from the authorization endpoint must carry at_hash.', [claim('at_hash')]);
    }
  }
});
