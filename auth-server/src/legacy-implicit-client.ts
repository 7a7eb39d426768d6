// The legacy SPA client (implicit flow, `id_token token`) and the dev-only hook that lets it use http redirect URIs.

/** The client id of the legacy page (seed 000): an implicit client, registered next to the code-flow SPA. */
export const LEGACY_SPA_CLIENT_ID = 'sample-legacy-spa';

/**
 * oidc-provider 9 refuses `response_type=token` on its own at start-up; `id_token token` is the implicit response
 * type it accepts (OIDC Core §3.2.2.1), and the one seed 000 itself recommends. Bare `token` (RFC 6749 §4.2) is
 * explained by the lessons from the protocol.
 */
export const LEGACY_RESPONSE_TYPE = 'id_token token';

/** The implicit client's registration: public (no secret), tokens from the authorization endpoint only. */
export function legacyClientMetadata(webOrigin: string): Record<string, unknown> {
  return {
    client_id: LEGACY_SPA_CLIENT_ID,
    client_name: 'Sample legacy SPA (implicit flow)',
    token_endpoint_auth_method: 'none', // public client (RFC 6749 §2.1)
    application_type: 'web',
    grant_types: ['implicit'],
    response_types: [LEGACY_RESPONSE_TYPE],
    redirect_uris: [`${webOrigin}/callback`],
    post_logout_redirect_uris: [`${webOrigin}/`],
  };
}

/** The parts of oidc-provider's client schema the hook touches (it ships no types). */
interface ClientSchemaClass {
  prototype: { invalidate(this: { client_id?: string }, message: string, code?: string): void };
}

/**
 * DEV-ONLY ALLOWANCE. oidc-provider refuses http redirect URIs for web clients of the implicit flow
 * (`implicit-force-https` in lib/helpers/client_schema.js): a token in the fragment of a plain-http URL can be read
 * by anyone on the path. Its maintainers expose `Client.Schema.prototype.invalidate(message, code)` so a deployment
 * can skip one validation code (their "implicit_http_localhost" recipe). We skip exactly that code, for this one
 * client only, because the sample world runs on plain http on `*.localhost`, which never leaves the machine. Every
 * other validation (including `implicit-forbid-localhost`) still applies.
 */
export function allowHttpRedirectsForLegacyClient(provider: { Client: { Schema: ClientSchemaClass } }): void {
  const proto = provider.Client.Schema.prototype;
  const original = proto.invalidate;
  proto.invalidate = function invalidate(message, code) {
    if (code === 'implicit-force-https' && this.client_id === LEGACY_SPA_CLIENT_ID) return;
    original.call(this, message, code);
  };
}
