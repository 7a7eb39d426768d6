// id-token.aud: aud contains the client id, and azp names the client when there are several audiences (OIDC Core §3.1.3.7).
import { defineCheck } from './check.ts';
import { ID_TOKEN_VALIDATION } from './spec-refs.ts';
import { idTokenIssuances } from './jwt-units.ts';

export default defineCheck(
  {
    id: 'id-token.aud',
    severity: 'must',
    title: 'aud contains the client id (azp when several)',
    spec: [ID_TOKEN_VALIDATION],
  },
  (env, emit) => {
    for (const { f, flow, claims, claim } of idTokenIssuances(env)) {
      const clientId = flow?.info.clientId ?? f.form.get('client_id');
      if (clientId === undefined) continue;
      const aud = Array.isArray(claims.aud)
        ? claims.aud.map(String)
        : claims.aud !== undefined
          ? [String(claims.aud)]
          : [];
      const azp = claims.azp;
      if (!aud.includes(clientId))
        emit(f.id, 'fail', `aud (${aud.join(', ') || 'missing'}) does not contain the client id "${clientId}".`, [
          claim('aud'),
        ]);
      else if (azp !== undefined && azp !== clientId)
        emit(f.id, 'fail', `azp "${String(azp)}" is not the client "${clientId}".`, [claim('azp')]);
      else if (aud.length > 1 && azp === undefined)
        emit(f.id, 'warn', 'Several audiences and no azp claim naming the client.', [claim('aud')]);
      else emit(f.id, 'pass', `aud contains the client id "${clientId}".`, [claim('aud')]);
    }
  },
);
