// Credentials in Authorization-style header values: Basic, Bearer, DPoP, Token, Digest and any other scheme.
import { toBase64 } from './encodings.ts';
import { basicCredentials } from '../http/basic-credentials.ts';
import type { Rewrite, RewriteContext } from './rewrite.ts';

/** token68 (RFC 9110 §11.2): the credentials of Bearer, DPoP, Token, Negotiate and most schemes. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Auth-params that describe a credential without being one (RFC 7616 §3.4: realm, nonce, uri …); every other value is secret. */
const PUBLIC_AUTH_PARAMS = new Set([
  'realm',
  'username',
  'uri',
  'qop',
  'nc',
  'algorithm',
  'nonce',
  'opaque',
  'cnonce',
  'userhash',
  'charset',
  'keyid',
  'headers',
  'oauth_signature_method',
  'oauth_version',
  'oauth_timestamp',
  'oauth_nonce',
]);

/** `user-id:password` inside Basic (RFC 7617 §2): the password rewritten, the user id kept, still valid base64. */
function rewriteBasic(credentials: string, rewrite: Rewrite, context: RewriteContext): string {
  const basic = basicCredentials(`Basic ${credentials}`);
  if (!basic) return rewrite(credentials, 'credential');
  const { user, password } = basic;
  const decoded = `${user}:${password}`;
  // An empty password means the user id is the key (as some APIs send their keys).
  const out =
    password === ''
      ? `${rewrite(user, 'api-key')}:`
      : `${user}:${rewrite(password, context.client ? 'client-secret' : 'password')}`;
  return out === decoded ? credentials : toBase64(out);
}

/** Digest, OAuth 1 and other auth-param lists (RFC 9110 §11.2): every value not known to be public is rewritten. */
function rewriteAuthParams(params: string, rewrite: Rewrite): string {
  return params.replace(
    /([A-Za-z0-9_.-]+)(\s*=\s*)("(?:[^"\\]|\\.)*"|[^,\s]*)/g,
    (all, name: string, eq: string, raw: string) => {
      if (PUBLIC_AUTH_PARAMS.has(name.toLowerCase()) || raw === '') return all;
      const quoted = raw.startsWith('"');
      const value = quoted ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      const out = rewrite(value, 'credential');
      return out === value ? all : `${name}${eq}${quoted ? `"${out}"` : out}`;
    },
  );
}

/** An Authorization or Proxy-Authorization value (RFC 9110 §11.6.2, §11.7.2) with its credentials rewritten and its scheme kept. */
export function rewriteAuthorization(value: string, rewrite: Rewrite, context: RewriteContext): string {
  const m = /^(\s*)([A-Za-z0-9!#$%&'*+.^_`|~-]+)(\s+)(\S[\s\S]*?)(\s*)$/.exec(value);
  if (!m) {
    // A bare value with no scheme (`Authorization: <key>`) is the credential itself.
    const bare = value.trim();
    return bare === '' ? value : value.replace(bare, rewrite(bare, 'token'));
  }
  const [, lead, scheme, gap, credentials, trail] = m as unknown as [string, string, string, string, string, string];
  let out: string;
  if (scheme.toLowerCase() === 'basic') out = rewriteBasic(credentials, rewrite, context);
  else if (TOKEN68.test(credentials))
    out = rewrite(credentials, /^(negotiate|ntlm)$/i.test(scheme) ? 'credential' : 'token');
  else out = rewriteAuthParams(credentials, rewrite);
  return `${lead}${scheme}${gap}${out}${trail}`;
}
