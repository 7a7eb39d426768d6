// Checks on every JWT (format, alg, kid, signature) and on ID tokens (iss, aud, times, nonce, at_hash, c_hash; OIDC Core §3.1.3.7).
import type { CheckEnv } from './check-env.ts';
import type { Evidence } from './types.ts';
import type { TokenRecord } from './tokens.ts';
import { metadataFor } from './context.ts';
import { hashForAlg } from './crypto-cache.ts';

const SKEW_SECONDS = 300;

function issuanceSighting(rec: TokenRecord) {
  return rec.info.sightings.find((s) => s.location.startsWith('response.')) ?? rec.info.sightings[0]!;
}

/** Where an ID token was issued and the values issued alongside it: an access token (at_hash) and a code (c_hash). */
function issuance(env: CheckEnv, rec: TokenRecord) {
  const issued = issuanceSighting(rec);
  if (!issued.location.startsWith('response.')) return undefined;
  const f = env.ctx.byId.get(issued.exchangeId)!;
  const flow = env.flows.flowOf.get(f.id);
  const response = flow?.responses.find((r) => r.f.id === f.id);
  const accessToken = typeof f.responseJson?.access_token === 'string' ? f.responseJson.access_token : response?.params.get('access_token');
  const code = response?.params.get('code');
  return { issued, f, flow, response, accessToken, code };
}

export async function checkJwts(env: CheckEnv): Promise<void> {
  // Start the at_hash / c_hash digests first so they run concurrently; the loop below awaits them in order.
  for (const rec of env.units.tokens) {
    const claims = rec.jwt?.payload;
    if (!claims || rec.info.kind !== 'id-token' || (typeof claims.at_hash !== 'string' && typeof claims.c_hash !== 'string')) continue;
    if (!rec.info.sightings.some((s) => env.dirty(s.exchangeId))) continue;
    const issue = issuance(env, rec);
    const algorithm = hashForAlg(String(rec.jwt!.header.alg));
    if (issue?.accessToken && typeof claims.at_hash === 'string') env.crypto.warm(algorithm, issue.accessToken);
    if (issue?.code && typeof claims.c_hash === 'string') env.crypto.warm(algorithm, issue.code);
  }
  for (const rec of env.units.tokens) {
    // Findings of a token are anchored at its sightings (first one, issuing one).
    if (!rec.info.sightings.some((s) => env.dirty(s.exchangeId))) continue;
    const first = rec.info.sightings[0]!;
    const ev: Evidence = { exchangeId: first.exchangeId, label: `${rec.info.kind} ${rec.info.id}`, value: rec.info.value.length > 80 ? `${rec.info.value.slice(0, 80)}…` : rec.info.value, location: first.location };
    if (rec.info.format !== 'jwt') continue;
    // A broken token that was only ever presented to an API and refused with 401 shows the API doing its job (lesson step 19).
    const refused = rec.info.sightings.every((s) => s.location === 'request.header.authorization' && env.ctx.byId.get(s.exchangeId)?.status === 401);
    const bad = refused ? 'pass' : 'fail';
    const refusedNote = refused ? ' The API refused it with 401, as it should.' : '';
    if (!rec.jwt || !rec.jwt.payload) {
      env.emit('jwt.format', first.exchangeId, bad, `The value at ${first.location} is not a usable JWT: ${rec.problem ?? 'it cannot be decoded'}${refusedNote}`, [ev]);
      continue;
    }
    const header = rec.jwt.header;
    const claims = rec.jwt.payload;
    const alg = String(header.alg);
    const meta = metadataFor(env.ctx, env.ctx.byId.get(first.exchangeId)!);
    const supported = Array.isArray(meta?.doc.id_token_signing_alg_values_supported) ? (meta!.doc.id_token_signing_alg_values_supported as unknown[]).map(String) : undefined;
    if (alg.toLowerCase() === 'none') env.emit('jwt.alg', first.exchangeId, bad, 'alg is "none": the token is unsigned and must never be accepted.', [ev]);
    else if (/^HS/.test(alg) && rec.info.kind === 'id-token') env.emit('jwt.alg', first.exchangeId, 'warn', `${alg} uses a shared secret; a public client has no secret to verify it with.`, [ev]);
    else if (rec.info.kind === 'id-token' && supported && !supported.includes(alg)) env.emit('jwt.alg', first.exchangeId, 'warn', `alg ${alg} is not among the algorithms the metadata lists (${supported.join(', ')}).`, [ev]);
    else env.emit('jwt.alg', first.exchangeId, 'pass', `Signed with ${alg}.`, [ev]);

    const sig = rec.info.signature;
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    if (env.ctx.keys.length > 0 && kid !== undefined && !/^HS/.test(alg) && alg.toLowerCase() !== 'none') {
      const hit = env.ctx.keys.find((k) => k.kid === kid);
      env.emit('jwt.kid-resolves', first.exchangeId, hit ? 'pass' : 'warn', hit ? `kid "${kid}" is in the key set captured in exchange ${hit.exchangeId}.` : `kid "${kid}" is in none of the captured key sets.`, [ev, ...(hit ? [{ exchangeId: hit.exchangeId, label: 'JWKS', value: kid, location: 'response.body.keys' }] : [])]);
    }
    if (sig) {
      const status = sig.status === 'verified' ? 'pass' : sig.status === 'unverifiable' ? 'warn' : bad;
      env.emit('jwt.signature', first.exchangeId, status, sig.status === 'verified' || sig.status === 'unverifiable' ? sig.detail : sig.detail + refusedNote, [ev, ...(sig.jwksExchangeId ? [{ exchangeId: sig.jwksExchangeId, label: 'JWKS', value: kid, location: 'response.body.keys' }] : [])]);
    }

    if (rec.info.kind !== 'id-token') continue;
    const issue = issuance(env, rec);
    if (!issue) continue;
    const { issued, f, flow } = issue;
    const claim = (name: string): Evidence => ({ exchangeId: f.id, label: `${name} (ID token)`, value: claims[name] === undefined ? undefined : String(claims[name]), location: `${issued.location}.${name}` });

    const issuerMeta = metadataFor(env.ctx, f);
    if (issuerMeta?.issuer !== undefined) {
      const same = claims.iss === issuerMeta.issuer;
      env.emit('id-token.iss', f.id, same ? 'pass' : 'fail', same ? 'iss equals the discovered issuer.' : `iss "${String(claims.iss)}" is not the issuer "${issuerMeta.issuer}" from the discovery document.`, [claim('iss'), { exchangeId: issuerMeta.exchangeId, label: 'issuer (metadata)', value: issuerMeta.issuer, location: 'response.body.issuer' }]);
    }

    const clientId = flow?.info.clientId ?? f.form.get('client_id');
    if (clientId !== undefined) {
      const aud = Array.isArray(claims.aud) ? claims.aud.map(String) : claims.aud !== undefined ? [String(claims.aud)] : [];
      const azp = claims.azp;
      if (!aud.includes(clientId)) env.emit('id-token.aud', f.id, 'fail', `aud (${aud.join(', ') || 'missing'}) does not contain the client id "${clientId}".`, [claim('aud')]);
      else if (azp !== undefined && azp !== clientId) env.emit('id-token.aud', f.id, 'fail', `azp "${String(azp)}" is not the client "${clientId}".`, [claim('azp')]);
      else if (aud.length > 1 && azp === undefined) env.emit('id-token.aud', f.id, 'warn', 'Several audiences and no azp claim naming the client.', [claim('aud')]);
      else env.emit('id-token.aud', f.id, 'pass', `aud contains the client id "${clientId}".`, [claim('aud')]);
    }

    if (Number.isFinite(f.time)) {
      const now = f.time / 1000;
      const requestedMaxAge = Number(flow?.request?.get('max_age'));
      const maxAge = flow?.request?.has('max_age') && Number.isFinite(requestedMaxAge) && requestedMaxAge >= 0 ? requestedMaxAge : undefined;
      const exp = claims.exp;
      const iat = claims.iat;
      if (typeof exp !== 'number') env.emit('id-token.times', f.id, 'fail', 'The ID token has no numeric exp claim.', [claim('exp')]);
      else if (exp <= now - SKEW_SECONDS) env.emit('id-token.times', f.id, 'fail', `The ID token had expired ${Math.round(now - exp)} s before it was captured.`, [claim('exp')]);
      else if (typeof iat === 'number' && iat > now + SKEW_SECONDS) env.emit('id-token.times', f.id, 'fail', `iat is ${Math.round(iat - now)} s after the capture time: the issuer's clock is wrong.`, [claim('iat')]);
      else if (typeof claims.auth_time === 'number' && claims.auth_time > now + SKEW_SECONDS) env.emit('id-token.times', f.id, 'fail', `auth_time is ${Math.round(claims.auth_time - now)} s after the capture time: the user cannot have signed in in the future.`, [claim('auth_time')]);
      // OIDC Core §3.1.2.1: with max_age in the request, auth_time is required and the sign-in must be recent enough.
      else if (maxAge !== undefined && typeof claims.auth_time !== 'number') env.emit('id-token.times', f.id, 'fail', `The request asked for max_age=${maxAge}, but the ID token has no auth_time.`, [claim('auth_time')]);
      else if (maxAge !== undefined && typeof claims.auth_time === 'number' && now - claims.auth_time > maxAge + SKEW_SECONDS) env.emit('id-token.times', f.id, 'fail', `The user signed in ${Math.round(now - claims.auth_time)} s before capture, longer ago than the max_age=${maxAge} the request asked for.`, [claim('auth_time')]);
      else env.emit('id-token.times', f.id, 'pass', `Valid for ${Math.round(exp - now)} s after capture.`, [claim('exp'), claim('iat'), ...(typeof claims.auth_time === 'number' ? [claim('auth_time')] : [])]);
    }

    const sentNonce = flow?.info.nonce;
    if (sentNonce !== undefined || claims.nonce !== undefined) {
      const reqEv: Evidence[] = flow?.authzRequest ? [{ exchangeId: flow.authzRequest.id, label: 'nonce (authorization request)', value: sentNonce, location: 'request.query.nonce' }] : [];
      if (!flow?.authzRequest) env.emit('nonce.matches', f.id, 'not-applicable', 'The authorization request was not captured, so the nonce cannot be compared.', [claim('nonce')]);
      else if (sentNonce === claims.nonce) env.emit('nonce.matches', f.id, 'pass', 'The ID token carries the nonce of this login request.', [...reqEv, claim('nonce')]);
      else if (sentNonce === undefined) env.emit('nonce.matches', f.id, 'warn', 'The ID token carries a nonce although the request sent none.', [claim('nonce')]);
      else env.emit('nonce.matches', f.id, 'fail', `The ID token's nonce ${claims.nonce === undefined ? 'is missing' : `"${String(claims.nonce)}" differs from "${sentNonce}"`}: it was not issued for this login (replay).`, [...reqEv, claim('nonce')]);
    }

    const { response, accessToken, code } = issue;
    const implicitWithToken = flow?.info.kind === 'implicit' && accessToken !== undefined && response !== undefined;
    if (typeof claims.at_hash === 'string' && accessToken) {
      const computed = await env.crypto.leftHalfHash(alg, accessToken);
      const ok = computed === claims.at_hash;
      env.emit('id-token.at-hash', f.id, ok ? 'pass' : 'fail', ok ? 'at_hash matches the access token issued with it.' : 'at_hash does not match the access token issued with it: the two were not issued together.', [claim('at_hash')], { computed: [{ label: 'access_token', value: accessToken }, { label: `left half of ${alg} hash → base64url`, value: computed ?? '(unknown alg)' }, { label: 'at_hash', value: claims.at_hash }] });
    } else if (implicitWithToken && claims.at_hash === undefined) {
      env.emit('id-token.at-hash', f.id, 'fail', 'An ID token returned with an access token from the authorization endpoint must carry at_hash.', [claim('at_hash')]);
    }
    if (typeof claims.c_hash === 'string' && code) {
      const computed = await env.crypto.leftHalfHash(alg, code);
      const ok = computed === claims.c_hash;
      env.emit('id-token.c-hash', f.id, ok ? 'pass' : 'fail', ok ? 'c_hash matches the code issued with it.' : 'c_hash does not match the code issued with it.', [claim('c_hash')], { computed: [{ label: 'code', value: code }, { label: `left half of ${alg} hash → base64url`, value: computed ?? '(unknown alg)' }, { label: 'c_hash', value: claims.c_hash }] });
    } else if (flow?.info.kind === 'hybrid' && code && response && claims.c_hash === undefined) {
      env.emit('id-token.c-hash', f.id, 'fail', 'An ID token returned with a code from the authorization endpoint must carry c_hash.', [claim('c_hash')]);
    }
  }
}
