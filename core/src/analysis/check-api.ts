// Checks on resource server traffic: bearer usage, 401 challenges, 5xx vs 401, JWT access token profile, preflights, introspection (RFC 6750, 9068, 7662).
import type { CheckEnv } from './check-env.ts';
import { metadataFor } from './context.ts';
import type { ExchangeFacts } from './exchange-facts.ts';

export async function checkApi(env: CheckEnv): Promise<void> {
  for (const f of env.units.facts) {
    if (!env.dirty(f.id)) continue;
    const l = env.labels.get(f.id)!;
    // A key download that failed (JWKS unreachable) makes the API's next 401 suspicious.
    let lastKeyFailure: ExchangeFacts | undefined;
    for (let i = env.ctx.keyFailures.length - 1; i >= 0; i--) {
      if (env.ctx.keyFailures[i]!.seq <= f.seq) {
        lastKeyFailure = env.ctx.keyFailures[i];
        break;
      }
    }
    if (l.has('cors-preflight')) {
      const origin = f.requestHeaders.get('origin');
      const acao = f.responseHeaders.get('access-control-allow-origin');
      const wantsAuth = /authorization/i.test(f.requestHeaders.get('access-control-request-headers') ?? '');
      const acah = f.responseHeaders.get('access-control-allow-headers') ?? '';
      const originOk = acao !== undefined && (acao === '*' || acao === origin);
      const headersOk = !wantsAuth || /authorization|\*/i.test(acah);
      env.emit('cors.preflight', f.id, originOk && headersOk ? 'pass' : 'fail', originOk && headersOk ? `The preflight allows ${origin ?? 'the origin'}${wantsAuth ? ' and the Authorization header' : ''}.` : !originOk ? `The preflight does not allow origin ${origin ?? '?'} (Access-Control-Allow-Origin: ${acao ?? 'none'}).` : 'The preflight does not allow the Authorization header.', [{ exchangeId: f.id, label: 'Access-Control-Allow-Origin', value: acao ?? '(none)', location: 'response.header.access-control-allow-origin' }, { exchangeId: f.id, label: 'Access-Control-Allow-Headers', value: acah || '(none)', location: 'response.header.access-control-allow-headers' }]);
    }
    if (l.has('introspection')) {
      const authed = f.authScheme === 'basic' || f.authScheme === 'bearer' || f.form.has('client_secret') || f.form.has('client_assertion');
      env.emit('introspection.auth', f.id, authed ? 'pass' : 'fail', authed ? 'The introspection caller authenticates.' : 'The introspection request carries no client authentication, so anyone could probe tokens.', [{ exchangeId: f.id, label: 'authorization', value: f.authScheme ?? '(none)', location: 'request.header.authorization' }]);
    }
    if (!l.has('api-call') && !l.has('userinfo')) continue;
    if (l.has('api-call')) {
      if (f.bearer) env.emit('bearer.header', f.id, 'pass', 'The token is sent in the Authorization header.', [{ exchangeId: f.id, label: 'Authorization', value: `${f.authScheme} …`, location: 'request.header.authorization' }]);
      else if (f.query.has('access_token')) env.emit('bearer.header', f.id, 'fail', 'The access token is sent in the URL query, where logs and history keep it.', [{ exchangeId: f.id, label: 'access_token (query)', value: f.query.get('access_token'), location: 'request.query.access_token' }]);
      else if (f.form.has('access_token')) env.emit('bearer.header', f.id, 'warn', 'The access token is sent in the form body; the Authorization header is preferred.', [{ exchangeId: f.id, label: 'access_token (form)', location: 'request.form.access_token' }]);
    }
    if (f.status === 401) {
      const challenge = f.responseHeaders.get('www-authenticate');
      const cEv = [{ exchangeId: f.id, label: 'WWW-Authenticate', value: challenge ?? '(none)', location: 'response.header.www-authenticate' }];
      if (!challenge || !/^\s*(bearer|dpop)\b/i.test(challenge)) env.emit('api.401-challenge', f.id, 'fail', challenge ? `The 401 challenges with "${challenge}" instead of Bearer.` : 'The 401 carries no WWW-Authenticate header, so the client cannot tell why it was refused.', cEv);
      else if (f.bearer && !/error="?invalid_token/i.test(challenge)) env.emit('api.401-challenge', f.id, 'warn', 'The 401 answers a presented token without error="invalid_token".', cEv);
      else env.emit('api.401-challenge', f.id, 'pass', 'The 401 carries a Bearer challenge.', cEv);
      if (lastKeyFailure && f.seq - lastKeyFailure.seq < 20) {
        env.emit('api.5xx-not-401', f.id, 'fail', `The API answered 401 right after its key download failed (exchange ${lastKeyFailure.id}): an infrastructure failure should be a 5xx, not blamed on the token.`, [{ exchangeId: lastKeyFailure.id, label: 'failed JWKS download' }, ...cEv]);
      }
    }
    // RFC 6750 §3.1: a Bearer challenge on a 403 names insufficient_scope, on a 400 invalid_request. A 403 without a
    // challenge is an access decision about the resource, not about the token, and is not judged here.
    if ((f.status === 403 || f.status === 400) && f.bearer) {
      const challenge = f.responseHeaders.get('www-authenticate');
      if (challenge && /^\s*(bearer|dpop)\b/i.test(challenge)) {
        const expected = f.status === 403 ? 'insufficient_scope' : 'invalid_request';
        const cEv = [{ exchangeId: f.id, label: 'WWW-Authenticate', value: challenge, location: 'response.header.www-authenticate' }];
        const named = new RegExp(`error="?${expected}`, 'i').test(challenge);
        env.emit(f.status === 403 ? 'api.403-insufficient-scope' : 'api.400-invalid-request', f.id, named ? 'pass' : 'warn', named ? `The ${f.status} challenge says ${expected}.` : `A ${f.status} Bearer challenge should say error="${expected}".`, cEv);
      }
    }
    if (l.has('api-5xx')) {
      env.emit('api.5xx-not-401', f.id, 'pass', `The API reports its own failure as ${f.status}, not as a token problem.`, [{ exchangeId: f.id, label: 'status', value: String(f.status) }]);
    }
    if (!f.bearer || !l.has('api-call')) continue;
    const rec = env.tokenByValue.get(f.bearer);
    if (!rec) continue;
    const tEv = { exchangeId: f.id, label: `bearer token ${rec.info.id}`, location: 'request.header.authorization', tokenId: rec.info.id };
    if (!rec.jwt) checkIntrospectionOutcome(env, f, rec.info.sightings);
    if (rec.info.kind === 'id-token' || (rec.jwt?.payload && 'nonce' in rec.jwt.payload)) {
      env.emit('access-token.not-id-token', f.id, 'fail', 'An ID token is sent to the API as if it were an access token; its audience is the client, not the API.', [tEv]);
      continue;
    }
    env.emit('access-token.not-id-token', f.id, 'pass', 'The bearer token is not an ID token.', [tEv]);
    if (rec.jwt?.payload) {
      const c = rec.jwt.payload;
      const problems: string[] = [];
      let fail = false;
      if (String(rec.jwt.header.alg).toLowerCase() === 'none') {
        problems.push('alg is none');
        fail = true;
      }
      const typ = String(rec.jwt.header.typ ?? '').toLowerCase();
      if (typ !== 'at+jwt' && typ !== 'application/at+jwt') problems.push(`typ is "${String(rec.jwt.header.typ ?? '(missing)')}", not at+jwt`);
      for (const name of ['iss', 'aud', 'exp', 'sub', 'client_id']) if (c[name] === undefined) problems.push(`no ${name}`);
      const meta = metadataFor(env.ctx, env.ctx.byId.get(rec.info.sightings[0]!.exchangeId)!) ?? (env.ctx.metadata.length > 0 ? env.ctx.metadata[env.ctx.metadata.length - 1] : undefined);
      if (meta?.issuer && c.iss !== undefined && c.iss !== meta.issuer) {
        problems.push(`iss "${String(c.iss)}" is not the discovered issuer "${meta.issuer}"`);
        fail = true;
      }
      env.emit('access-token.jwt-profile', f.id, fail ? 'fail' : problems.length ? 'warn' : 'pass', problems.length ? `JWT access token: ${problems.join('; ')}.` : 'The JWT access token follows RFC 9068.', [tEv]);
      // RFC 9068 §4: the resource server checks that aud names it and that the token has not expired before serving.
      if (f.status >= 200 && f.status < 300) {
        const audiences = (Array.isArray(c.aud) ? c.aud : [c.aud]).filter((a): a is string => typeof a === 'string');
        const handled: string[] = [];
        if (audiences.length > 0 && f.origin && audiences.every((a) => !sameOriginAudience(a, f.origin))) handled.push(`aud ${audiences.map((a) => `"${a}"`).join(', ')} does not name ${f.origin}, which accepted it`);
        const expired = Number.isFinite(f.time) && typeof c.exp === 'number' && c.exp < f.time / 1000;
        if (expired) handled.push('the API accepted it after exp');
        env.emit('api.access-token-validated', f.id, expired ? 'fail' : handled.length ? 'warn' : 'pass', handled.length ? `The API served a JWT access token it should have checked: ${handled.join('; ')}.` : `The API served a JWT access token that names it and has not expired.`, [tEv]);
      }
    }
  }
}

/** An audience names an API origin when it is that origin or a URL under it; other audiences (urn:…, names) are not judged. */
function sameOriginAudience(audience: string, origin: string): boolean {
  if (!/^https?:\/\//i.test(audience)) return true;
  try {
    return new URL(audience).origin === origin;
  } catch {
    return true;
  }
}

/**
 * RFC 7662 §2.2: the API's answer follows the `active` of the introspection it made while answering (the
 * introspection of this token that happened between the API call's start and its end).
 */
function checkIntrospectionOutcome(env: CheckEnv, f: ExchangeFacts, sightings: readonly { exchangeId: string; location: string }[]): void {
  if (!Number.isFinite(f.time) || f.status === 0 || f.status >= 500) return;
  const end = f.time + (typeof f.exchange.time === 'number' && f.exchange.time > 0 ? f.exchange.time : 0);
  const asked = sightings
    .filter((s) => s.location === 'request.form.token')
    .map((s) => env.ctx.byId.get(s.exchangeId))
    .find((g) => g !== undefined && g.seq > f.seq && g.time >= f.time && g.time <= end && typeof g.responseJson?.active === 'boolean');
  if (!asked) return;
  const active = asked.responseJson!.active === true;
  const evidence = [
    { exchangeId: asked.id, label: 'active (introspection response)', value: String(active), location: 'response.body.active' },
    { exchangeId: f.id, label: 'API status', value: String(f.status) },
  ];
  const accepted = f.status >= 200 && f.status < 300;
  if (!active && accepted) env.emit('introspection.answer-follows-active', f.id, 'fail', 'The API accepted a token its introspection said is not active.', evidence);
  else if (!active) env.emit('introspection.answer-follows-active', f.id, f.status === 401 ? 'pass' : 'warn', f.status === 401 ? 'The introspection said inactive, and the API answered 401.' : `The introspection said inactive; the API should answer 401, not ${f.status}.`, evidence);
  else env.emit('introspection.answer-follows-active', f.id, f.status === 401 ? 'warn' : 'pass', f.status === 401 ? 'The introspection said active, yet the API answered 401.' : `The introspection said active, and the API answered ${f.status}.`, evidence);
}

