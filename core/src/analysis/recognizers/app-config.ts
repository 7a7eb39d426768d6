// Recognizes an app's own configuration document by the keys naming its authority and client id.
const CONFIG_AUTHORITY =
  /^(authority|issuer|issuerurl|issuer_url|authorityurl|authorizationserver|authorization_server|openidconfigurationurl|metadataurl|oidcissuer|oauthissuer)$/i;
const CONFIG_CLIENT = /^(clientid|client_id|oauthclientid|oidcclientid|audience)$/i;

function namesAuthorityAndClient(value: unknown, depth: number, found: { authority: boolean; client: boolean }): void {
  if (depth > 3 || typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && CONFIG_AUTHORITY.test(k)) found.authority = true;
    else if (typeof v === 'string' && CONFIG_CLIENT.test(k)) found.client = true;
    else namesAuthorityAndClient(v, depth + 1, found);
  }
}

/** Whether a JSON document (searched three levels deep) names both an authority / issuer and a client id. */
export function namesAuthorityAndClientId(json: unknown): boolean {
  const found = { authority: false, client: false };
  namesAuthorityAndClient(json, 0, found);
  return found.authority && found.client;
}
