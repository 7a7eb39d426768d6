// id-token.at-hash: at_hash matches the access token issued with the ID token, and is present when the authorization endpoint returns both (OIDC Core §3.1.3.8, §3.2.2.9).
import { defineCheck } from './check.ts';
import { oidc } from './spec-refs.ts';
import { judgeLeftHalfHash } from './left-half-hash.ts';

export default defineCheck(
  {
    id: 'id-token.at-hash',
    severity: 'must',
    title: 'at_hash matches the access token',
    spec: [oidc('3.1.3.8', 'CodeFlowTokenValidation'), oidc('3.2.2.9', 'ImplicitTokenValidation')],
  },
  (env, emit) =>
    judgeLeftHalfHash(env, emit, {
      claim: 'at_hash',
      label: 'access_token',
      value: (u) => u.accessToken,
      matches: 'at_hash matches the access token issued with it.',
      differs: 'at_hash does not match the access token issued with it: the two were not issued together.',
      required: (u) => u.flow?.info.kind === 'implicit' && u.accessToken !== undefined && u.response !== undefined,
      missing: 'An ID token returned with an access token from the authorization endpoint must carry at_hash.',
    }),
);
