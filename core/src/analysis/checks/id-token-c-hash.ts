// id-token.c-hash: c_hash matches the code issued with the ID token, and is present in a hybrid response (OIDC Core §3.3.2.11).
import { defineCheck } from './check.ts';
import { oidc } from './spec-refs.ts';
import { judgeLeftHalfHash } from './left-half-hash.ts';

export default defineCheck(
  {
    id: 'id-token.c-hash',
    severity: 'must',
    title: 'c_hash matches the code',
    spec: [oidc('3.3.2.11', 'HybridIDToken')],
  },
  (env, emit) =>
    judgeLeftHalfHash(env, emit, {
      claim: 'c_hash',
      label: 'code',
      value: (u) => u.code,
      matches: 'c_hash matches the code issued with it.',
      differs: 'c_hash does not match the code issued with it.',
      required: (u) => u.flow?.info.kind === 'hybrid' && Boolean(u.code) && u.response !== undefined,
      missing: 'An ID token returned with a code from the authorization endpoint must carry c_hash.',
    }),
);
