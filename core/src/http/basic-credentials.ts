// HTTP Basic credentials read from an Authorization value: user-id and password (RFC 7617 §2), and the OAuth client's id and secret (RFC 6749 §2.3.1).
import { formDecode, fromBase64 } from '../redaction/encodings.ts';

export interface BasicCredentials {
  /** The user-id as sent, before any form-decoding. */
  user: string;
  password: string;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** True when form-decoding changed either value (`%3A` → `:`, `+` → space). */
  formEncoded: boolean;
}

/** `Basic <base64(user-id ":" password)>` (RFC 7617 §2); undefined for another scheme, bad base64 or no colon. */
export function basicCredentials(authorization: string | undefined): BasicCredentials | undefined {
  const m = /^\s*basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  const decoded = m ? fromBase64(m[1]!) : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** An OAuth client's Basic authentication: both parts are form-urlencoded before base64 (RFC 6749 §2.3.1, Appendix B). */
export function clientCredentials(authorization: string | undefined): ClientCredentials | undefined {
  const basic = basicCredentials(authorization);
  if (!basic) return undefined;
  const clientId = formDecode(basic.user);
  const clientSecret = formDecode(basic.password);
  return { clientId, clientSecret, formEncoded: clientId !== basic.user || clientSecret !== basic.password };
}
