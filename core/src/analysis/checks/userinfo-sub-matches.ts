// userinfo.sub-matches: the sub of the UserInfo response equals the sub of the ID token issued with the access token used (OIDC Core §5.3.2).
import { defineCheck } from './check.ts';
import { oidc } from './spec-refs.ts';
import { labelled } from './units.ts';
import type { CheckEnv } from '../check-env.ts';
import type { ExchangeFacts } from '../exchange-facts.ts';

/** The ID token issued in the same token response as the access token this UserInfo request carries, and where. */
function idTokenIssuedWith(env: CheckEnv, f: ExchangeFacts) {
  const rec = f.bearer ? env.tokenByValue.get(f.bearer) : undefined;
  const issued = rec?.info.sightings.find((s) => s.location === 'response.body.access_token');
  if (!issued) return undefined;
  const response = env.ctx.byId.get(issued.exchangeId);
  const idToken = response?.responseJson?.id_token;
  const claims = typeof idToken === 'string' ? env.tokenByValue.get(idToken)?.jwt?.payload : undefined;
  return claims ? { exchangeId: issued.exchangeId, sub: claims.sub } : undefined;
}

export default defineCheck(
  {
    id: 'userinfo.sub-matches',
    severity: 'must',
    title: "UserInfo's sub equals the ID token's sub",
    spec: [oidc('5.3.2', 'UserInfoResponse')],
  },
  (env, emit) => {
    for (const f of labelled(env, 'userinfo')) {
      const sub = f.responseJson?.sub;
      const idToken = f.status >= 200 && f.status < 300 ? idTokenIssuedWith(env, f) : undefined;
      if (sub === undefined || !idToken) continue;
      const evidence = [
        { exchangeId: f.id, label: 'sub (UserInfo response)', value: String(sub), location: 'response.body.sub' },
        {
          exchangeId: idToken.exchangeId,
          label: 'sub (ID token)',
          value: String(idToken.sub),
          location: 'response.body.id_token.sub',
        },
      ];
      if (sub === idToken.sub)
        emit(f.id, 'pass', 'The UserInfo response is about the same user as the ID token (same sub).', evidence);
      else
        emit(
          f.id,
          'fail',
          `The UserInfo sub ("${String(sub)}") differs from the ID token's ("${String(idToken.sub)}"): the client must not use these claims.`,
          evidence,
        );
    }
  },
);
