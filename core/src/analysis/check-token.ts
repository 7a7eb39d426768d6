// Checks on token requests and responses (RFC 6749 §4.1.3, §5.1; RFC 9700 §2.2.2, §4.14; browser-based apps).
import type { CheckEnv } from './check-env.ts';
import type { ExchangeFacts } from './exchange-facts.ts';

function clientIdOf(f: ExchangeFacts): string | undefined {
  const fromForm = f.form.get('client_id');
  if (fromForm) return fromForm;
  if (f.authScheme === 'basic') {
    try {
      const raw = atob((f.requestHeaders.get('authorization') ?? '').slice(6).trim());
      return decodeURIComponent(raw.slice(0, raw.indexOf(':')));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export async function checkTokenExchanges(env: CheckEnv): Promise<void> {
  for (const rec of env.units.flows) {
    for (const f of rec.tokenRequests) {
      const grant = f.form.get('grant_type');
      if (!env.dirty(f.id)) continue;
      const body = f.responseJson;
      const ok = f.status >= 200 && f.status < 300 && typeof body?.access_token === 'string';
      const ev = (name: string) => ({ exchangeId: f.id, label: `${name} (token request)`, value: f.form.get(name), location: `request.form.${name}` });
      const origin = f.requestHeaders.get('origin');

      if (grant === 'authorization_code') {
        if (rec.request) {
          const sentRedirect = rec.request.get('redirect_uri');
          if (sentRedirect !== undefined) {
            const same = f.form.get('redirect_uri') === sentRedirect;
            env.emit('token.redirect-uri-matches', f.id, same ? 'pass' : 'fail', same ? 'redirect_uri is the same as in the authorization request.' : `redirect_uri "${f.form.get('redirect_uri') ?? '(missing)'}" differs from "${sentRedirect}" in the authorization request.`, [ev('redirect_uri'), { exchangeId: rec.authzRequest!.id, label: 'redirect_uri (authorization request)', value: sentRedirect, location: 'request.query.redirect_uri' }]);
          }
          const sentClient = rec.request.get('client_id');
          const client = clientIdOf(f);
          if (sentClient !== undefined && client !== undefined) {
            env.emit('token.client-id-matches', f.id, client === sentClient ? 'pass' : 'fail', client === sentClient ? 'The same client redeems the code it asked for.' : `Client "${client}" redeems a code issued to "${sentClient}".`, [{ exchangeId: f.id, label: 'client_id (token request)', value: client }, { exchangeId: rec.authzRequest!.id, label: 'client_id (authorization request)', value: sentClient, location: 'request.query.client_id' }]);
          }
        }
      }
      const basicSecret = f.authScheme === 'basic';
      if ((f.form.has('client_secret') || basicSecret) && (origin !== undefined || f.exchange._channel === 'browser' && origin !== undefined)) {
        env.emit('client-secret.not-in-browser', f.id, 'fail', `A client secret is sent from a browser page (Origin ${origin}); anything in a browser app is public.`, [f.form.has('client_secret') ? ev('client_secret') : { exchangeId: f.id, label: 'Authorization: Basic', location: 'request.header.authorization' }]);
      }

      if (!ok) continue;
      const cc = f.responseHeaders.get('cache-control') ?? '';
      const noStore = /no-store/i.test(cc);
      env.emit('token.no-store', f.id, noStore ? 'pass' : 'fail', noStore ? 'The token response says Cache-Control: no-store.' : `The token response lacks Cache-Control: no-store (${cc ? `got "${cc}"` : 'no Cache-Control'}), so a cache could keep the tokens.`, [{ exchangeId: f.id, label: 'Cache-Control', value: cc || '(none)', location: 'response.header.cache-control' }]);

      const tokenType = typeof body!.token_type === 'string' ? body!.token_type : '';
      const dpop = f.requestHeaders.has('dpop');
      const typeOk = tokenType.toLowerCase() === 'bearer' || (tokenType.toLowerCase() === 'dpop' && dpop);
      env.emit('token.type', f.id, typeOk ? 'pass' : 'fail', typeOk ? `token_type is ${tokenType}.` : `token_type is "${tokenType || '(missing)'}"; expected Bearer${dpop ? ' or DPoP' : ''}.`, [{ exchangeId: f.id, label: 'token_type', value: tokenType, location: 'response.body.token_type' }]);

      const expiresIn = body!.expires_in;
      const eEv = [{ exchangeId: f.id, label: 'expires_in', value: String(expiresIn ?? '(missing)'), location: 'response.body.expires_in' }];
      if (expiresIn === undefined) env.emit('token.expires-in', f.id, 'warn', 'No expires_in: the client cannot tell when the access token expires.', eEv);
      else if (typeof expiresIn !== 'number' || !(expiresIn > 0)) env.emit('token.expires-in', f.id, 'fail', `expires_in ${String(expiresIn)} is not a positive number of seconds.`, eEv);
      else if (expiresIn > 7200) env.emit('token.expires-in', f.id, 'warn', `The access token lives ${Math.round(expiresIn / 60)} minutes; short lifetimes limit the damage of a leak.`, eEv);
      else env.emit('token.expires-in', f.id, 'pass', `The access token lives ${Math.round(expiresIn / 60)} minutes.`, eEv);

      if (typeof body!.refresh_token === 'string' && origin !== undefined) {
        const rtEv = [{ exchangeId: f.id, label: 'refresh_token (token response)', value: body!.refresh_token, location: 'response.body.refresh_token' }];
        if (grant === 'refresh_token' && body!.refresh_token === f.form.get('refresh_token')) env.emit('refresh-token.browser', f.id, 'warn', 'The refresh returned the same refresh token: a browser app should get a new one each time (rotation).', rtEv);
        else env.emit('refresh-token.browser', f.id, grant === 'refresh_token' ? 'pass' : 'warn', grant === 'refresh_token' ? 'The refresh token was rotated.' : 'A refresh token is handed to a browser app; it must be rotated and is a long-lived secret with nowhere safe to live.', rtEv);
      }

      if (origin !== undefined) {
        const acao = f.responseHeaders.get('access-control-allow-origin');
        const corsOk = acao === origin || acao === '*';
        env.emit('token.cors', f.id, corsOk ? 'pass' : 'fail', corsOk ? `The token endpoint allows origin ${origin}.` : `The token endpoint does not allow origin ${origin} (Access-Control-Allow-Origin: ${acao ?? 'none'}); the browser hides the response from the app.`, [{ exchangeId: f.id, label: 'Access-Control-Allow-Origin', value: acao ?? '(none)', location: 'response.header.access-control-allow-origin' }]);
      }
    }
  }
  for (const f of env.units.facts) {
    if (!env.dirty(f.id) || f.method !== 'POST') continue;
    const grant = f.form.get('grant_type');
    const ok = f.status >= 200 && f.status < 300 && typeof f.responseJson?.access_token === 'string';
    // RFC 6749 §4.1.2: a code is single use; a second redemption must fail (invalid_grant).
    if (grant === 'authorization_code') {
      const code = f.form.get('code') ?? '';
      const uses = env.flows.codeUses.get(code) ?? [];
      if (uses.indexOf(f) > 0) {
        env.emit('code.single-use', f.id, ok ? 'fail' : 'pass', ok ? `Code redeemed a second time (first in exchange ${uses[0]!.id}) and the server issued tokens again.` : `Code redeemed a second time (first in exchange ${uses[0]!.id}) and the server refused it (${String(f.responseJson?.error ?? f.status)}).`, [{ exchangeId: uses[0]!.id, label: 'code (first use)', value: code, location: 'request.form.code' }, { exchangeId: f.id, label: 'code (second use)', value: code, location: 'request.form.code' }]);
      }
    }
    // RFC 9700 §4.14.2: with rotation, presenting an old refresh token again must fail.
    if (grant === 'refresh_token') {
      const rt = f.form.get('refresh_token') ?? '';
      const uses = env.flows.refreshUses.get(rt) ?? [];
      if (uses.indexOf(f) > 0 && f.requestHeaders.has('origin')) {
        const ev = [{ exchangeId: uses[0]!.id, label: 'refresh_token (first use)', value: rt, location: 'request.form.refresh_token' }, { exchangeId: f.id, label: 'refresh_token (reused)', value: rt, location: 'request.form.refresh_token' }];
        env.emit('refresh-token.reuse-refused', f.id, ok ? 'fail' : 'pass', ok ? `A refresh token already used in exchange ${uses[0]!.id} worked again: it is not rotated.` : `A refresh token already used in exchange ${uses[0]!.id} was refused (${String(f.responseJson?.error ?? f.status)}), as rotation requires.`, ev);
      }
    }
  }
}
