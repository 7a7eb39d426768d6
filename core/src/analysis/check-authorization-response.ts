// Checks on authorization responses: state, iss (RFC 9207), tokens in URLs, error format, redirect loops.
import type { CheckEnv } from './check-env.ts';
import { metadataFor } from './context.ts';

/** RFC 6749 §4.1.2.1 and §4.2.2.1, plus OIDC Core §3.1.2.6. */
const REGISTERED_ERRORS = new Set([
  'invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'server_error',
  'temporarily_unavailable', 'interaction_required', 'login_required', 'account_selection_required', 'consent_required',
  'invalid_request_uri', 'invalid_request_object', 'request_not_supported', 'request_uri_not_supported', 'registration_not_supported',
  'invalid_target', 'invalid_authorization_details',
]);
/** RFC 6749 §4.1.2.1: error_description is %x20-21 / %x23-5B / %x5D-7E. */
const DESCRIPTION = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

export async function checkAuthorizationResponses(env: CheckEnv): Promise<void> {
  for (const rec of env.units.flows) {
    const sent = rec.request?.get('state');
    for (const r of rec.responses) {
      const f = r.f;
      if (!env.dirty(f.id)) continue;
      const ev = (name: string) => ({ exchangeId: f.id, label: `${name} (authorization response)`, value: r.params.get(name), location: `${r.where}.${name}` });
      const got = r.params.get('state');
      if (rec.authzRequest) {
        const reqEv = { exchangeId: rec.authzRequest.id, label: 'state (authorization request)', value: sent, location: 'request.query.state' };
        if (sent === undefined && got === undefined) env.emit('state.echoed', f.id, 'not-applicable', 'No state was sent and none came back.', [ev('state')]);
        else if (sent === got) env.emit('state.echoed', f.id, 'pass', 'The state came back exactly as sent.', [reqEv, ev('state')]);
        else if (got === undefined) env.emit('state.echoed', f.id, 'fail', 'The request sent a state but the response carries none.', [reqEv, ev('state')]);
        else if (sent === undefined) env.emit('state.echoed', f.id, 'warn', 'The response carries a state although the request sent none.', [ev('state')]);
        else env.emit('state.echoed', f.id, 'fail', `The state in the response ("${got}") differs from the one sent ("${sent}"): the client must reject this response.`, [reqEv, ev('state')]);
      }

      const meta = rec.authzRequest ? metadataFor(env.ctx, rec.authzRequest) : metadataFor(env.ctx, f);
      const iss = r.params.get('iss');
      const advertised = meta?.doc.authorization_response_iss_parameter_supported === true;
      const metaEv = meta ? [{ exchangeId: meta.exchangeId, label: 'issuer (metadata)', value: meta.issuer, location: 'response.body.issuer' }] : [];
      if (iss !== undefined && meta?.issuer !== undefined) {
        env.emit('iss.authorization-response', f.id, iss === meta.issuer ? 'pass' : 'fail', iss === meta.issuer ? 'iss names the issuer the request was sent to.' : `iss "${iss}" is not the issuer "${meta.issuer}" the request went to (mix-up attack).`, [ev('iss'), ...metaEv]);
      } else if (advertised && iss === undefined) {
        env.emit('iss.authorization-response', f.id, 'fail', 'The metadata promises an iss parameter in authorization responses, but this response has none.', [ev('iss'), ...metaEv]);
      }

      const where = r.where.includes('fragment') || r.where.includes('query') ? r.where : undefined;
      if (where) {
        const inUrl = ['access_token', 'id_token'].filter((n) => r.params.has(n));
        if (inUrl.length > 0) env.emit('tokens.not-in-url', f.id, 'warn', `${inUrl.join(' and ')} travel in the URL ${where.includes('fragment') ? 'fragment' : 'query'}, where history, logs and Referer can leak them.`, inUrl.map(ev));
      }

      const error = r.params.get('error');
      if (error !== undefined) {
        const desc = r.params.get('error_description') ?? '';
        const ok = REGISTERED_ERRORS.has(error) && DESCRIPTION.test(desc);
        env.emit('error.format', f.id, ok ? 'pass' : 'warn', ok ? `error "${error}" is a registered code.` : !REGISTERED_ERRORS.has(error) ? `error "${error}" is not a registered error code.` : 'error_description contains characters RFC 6749 does not allow.', [ev('error'), ev('error_description')]);
      }
    }
  }
  for (const loop of env.flows.loops) {
    const first = loop[0]!;
    const last = loop[loop.length - 1]!;
    env.emit('flow.redirect-loop', last.id, 'fail', `${loop.length} authorization requests from client ${first.query.get('client_id') ?? '?'} within ${Math.round((last.time - first.time) / 1000)} s: the app keeps redirecting to log in.`, loop.map((g) => ({ exchangeId: g.id, label: 'authorization request', value: g.query.get('state'), location: 'request.query.state' })));
  }
}
