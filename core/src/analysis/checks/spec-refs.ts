// Links to the specification sections the checks rest on.
import type { SpecRef } from '../types.ts';

const ref = (label: string, url: string): SpecRef => ({ label, url });

export const rfc = (n: number, section: string, anchor = `section-${section}`): SpecRef => ({
  label: `RFC ${n} §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc${n}#${anchor}`,
});
/** An appendix: labelled `App. B`, not `§B`. */
export const rfcAppendix = (n: number, letter: string): SpecRef => ({
  label: `RFC ${n} App. ${letter}`,
  url: `https://www.rfc-editor.org/rfc/rfc${n}#appendix-${letter}`,
});
export const oidc = (section: string, anchor: string): SpecRef => ({
  label: `OIDC Core §${section}`,
  url: `https://openid.net/specs/openid-connect-core-1_0.html#${anchor}`,
});
export const ID_TOKEN_VALIDATION = oidc('3.1.3.7', 'IDTokenValidation');
export const BBA = ref(
  'OAuth 2.0 for Browser-Based Applications',
  'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps',
);
export const FETCH = ref('Fetch standard: CORS protocol', 'https://fetch.spec.whatwg.org/#http-cors-protocol');
export const PRACTICE = ref('Practice (seed article, step 20)', 'https://www.rfc-editor.org/rfc/rfc9700');
export const COOKIES = ref(
  'RFC 6265bis §4.1.2',
  'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-4.1.2',
);
export const RP_LOGOUT = ref(
  'OpenID RP-Initiated Logout 1.0 §2',
  'https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout',
);
