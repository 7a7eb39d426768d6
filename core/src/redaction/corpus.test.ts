// The redaction corpus: hostile shapes of credentials, each planted in an exchange; none may survive an export.
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../har.ts';
import { redact, toHarFile } from '../har-export.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { formEncode, toBase64 } from './encodings.ts';

const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };

interface Planted {
  shape: string;
  /** Values that must not appear in any written form. */
  secrets: string[];
  /** Other forms that must not appear (base64 of Basic credentials …). */
  forms?: string[];
  exchanges: () => Exchange[];
}

const b64 = (s: string) => toBase64(s);

/**
 * Keys made for this run (never committed): a PKCS #8 RSA key, a SEC 1 EC key, and the public key of a third pair
 * (a private key embeds its own public key, so that one would share its bytes).
 */
const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const RSA_PRIVATE_PEM = rsaKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const EC_PRIVATE_PEM = ecKey.privateKey.export({ type: 'sec1', format: 'pem' }).toString().replace(/\n/g, '\r\n');
const EC_PUBLIC_PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
/** The base64 lines of a PEM block, without its BEGIN and END labels. */
const pemBody = (pem: string) => pem.split(/\r?\n/).filter((line) => line && !line.startsWith('-'));
const json = (text: string) => ({ mimeType: 'application/json', text });
const jws = (sig: string) => `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsIm5vbmNlIjoibm9uY2Uta2VwdCJ9.${sig}`;
const boundary = '----corpusBoundary7MA4YWxk';
const multipart = (fields: Record<string, string>) => ({
  mimeType: `multipart/form-data; boundary=${boundary}`,
  text: `${Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('')}--${boundary}--\r\n`,
});

/** Each row plants one shape (or a family of them) the old, look-based redaction let through. */
const CORPUS: Planted[] = [
  {
    shape: 'opaque access token made only of letters, echoed in an error message',
    secrets: ['QwErTyUiOpAsDfGhJkLz'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/token',
        method: 'POST',
        form: { grant_type: 'authorization_code', client_id: 'corpus-client' },
        json: { access_token: 'QwErTyUiOpAsDfGhJkLz', token_type: 'Bearer', expires_in: 3600 },
      }),
      {
        ...anExchange({
          url: 'https://api.example/items',
          requestHeaders: { Authorization: 'Bearer QwErTyUiOpAsDfGhJkLz' },
          state: 'failed',
          error: { code: 'ECONNRESET', message: 'upstream hung up on token QwErTyUiOpAsDfGhJkLz' },
        }),
      },
    ],
  },
  {
    shape: 'access token under 16 characters',
    secrets: ['tk9Xq2Lm'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/token',
        method: 'POST',
        form: { grant_type: 'client_credentials' },
        json: { access_token: 'tk9Xq2Lm', token_type: 'Bearer' },
      }),
      anExchange({ url: 'https://api.example/items', requestHeaders: { Authorization: 'bearer tk9Xq2Lm' } }),
    ],
  },
  {
    shape: 'refresh_token nested deep in a JSON response',
    secrets: ['rtNestedSecretValue'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/session',
        json: { result: { tokens: [{ refresh_token: 'rtNestedSecretValue' }] } },
      }),
    ],
  },
  {
    shape: 'refresh_token in a JSON request body',
    secrets: ['rtJsonBodySecret'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/token',
        method: 'POST',
        requestBody: json('{"grant_type":"refresh_token","refresh_token":"rtJsonBodySecret"}'),
      }),
    ],
  },
  {
    shape: 'refresh_token in HAR postData.params without text',
    secrets: ['rtParamsOnlySecret'],
    exchanges: () => {
      const ex = anExchange({ url: 'https://as.example/token', method: 'POST' });
      return [
        {
          ...ex,
          request: {
            ...ex.request,
            postData: {
              mimeType: 'application/x-www-form-urlencoded',
              params: [
                { name: 'grant_type', value: 'refresh_token' },
                { name: 'refresh_token', value: 'rtParamsOnlySecret' },
              ],
            },
          },
        },
      ];
    },
  },
  {
    shape: 'password in a multipart body',
    secrets: ['MultiPartPass!9'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/login',
        method: 'POST',
        requestBody: multipart({ username: 'alice-kept', password: 'MultiPartPass!9' }),
      }),
    ],
  },
  {
    shape: 'numeric password in JSON',
    secrets: ['55512399'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/login',
        method: 'POST',
        requestBody: json('{"username":"alice-kept","password":55512399}'),
      }),
    ],
  },
  {
    shape: 'escaped JSON member name and value',
    secrets: ['Esc/apedASecret'],
    forms: ['Esc\\/aped\\u0041Secret'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/login',
        method: 'POST',
        requestBody: json('{"pass\\u0077ord":"Esc\\/aped\\u0041Secret"}'),
      }),
    ],
  },
  {
    shape: 'pwd= in a form',
    secrets: ['PwdFormSecret1'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/login',
        method: 'POST',
        form: { user: 'alice-kept', pwd: 'PwdFormSecret1' },
      }),
    ],
  },
  {
    shape: 'X-Api-Key, X-Auth-Token and Private-Token headers',
    secrets: ['ak_live_Zx81Lm', 'xAuthTokenValue77', 'glpatPrivate123'],
    exchanges: () => [
      anExchange({
        url: 'https://api.example/items',
        requestHeaders: {
          'X-Api-Key': 'ak_live_Zx81Lm',
          'X-Auth-Token': 'xAuthTokenValue77',
          'Private-Token': 'glpatPrivate123',
        },
      }),
    ],
  },
  {
    shape: 'Authorization: Token …, DPoP … and a bare key',
    secrets: ['abcdefTokenScheme', 'dpopBoundToken55', 'BareKeyNoScheme9'],
    exchanges: () => [
      anExchange({ url: 'https://api.example/a', requestHeaders: { Authorization: 'Token abcdefTokenScheme' } }),
      anExchange({
        url: 'https://api.example/b',
        requestHeaders: { Authorization: 'DPoP dpopBoundToken55', DPoP: jws('dpopProofSignatureValue') },
      }),
      anExchange({ url: 'https://api.example/c', requestHeaders: { Authorization: 'BareKeyNoScheme9' } }),
    ],
  },
  {
    shape: 'Digest response=',
    secrets: ['6629fae49393a05397450978507c4ef1'],
    exchanges: () => [
      anExchange({
        url: 'https://api.example/dir/index.html',
        requestHeaders: {
          Authorization:
            'Digest username="alice-kept", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
        },
      }),
    ],
  },
  {
    shape: 'api_key in a query',
    secrets: ['QueryApiKey42'],
    exchanges: () => [anExchange({ url: 'https://api.example/items?api_key=QueryApiKey42&page=2' })],
  },
  {
    shape: 'secret, device_code and user_code in JSON',
    secrets: ['JsonSecretVal', 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS', 'WDJB-MJHT'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/clients',
        method: 'POST',
        requestBody: json('{"client_id":"corpus-client","secret":"JsonSecretVal"}'),
      }),
      anExchange({
        url: 'https://as.example/device',
        method: 'POST',
        form: { client_id: 'corpus-client', scope: 'openid profile' },
        json: {
          device_code: 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS',
          user_code: 'WDJB-MJHT',
          verification_uri: 'https://as.example/device',
          interval: 5,
        },
      }),
    ],
  },
  {
    shape: 'private JWK members d, p, q, dp, dq, qi and oct k',
    secrets: [
      'jwkPrivateDvalueEC',
      'rsaPrimePvalue',
      'rsaPrimeQvalue',
      'rsaDPvalue1',
      'rsaDQvalue2',
      'rsaQIvalue3',
      'octSymmetricKvalue',
    ],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/jwks',
        json: {
          keys: [
            { kty: 'EC', crv: 'P-256', kid: 'kid-kept', x: 'publicXkept', y: 'publicYkept', d: 'jwkPrivateDvalueEC' },
            {
              kty: 'RSA',
              n: 'publicNkept',
              e: 'AQAB',
              d: 'rsaPrivateDvalue',
              p: 'rsaPrimePvalue',
              q: 'rsaPrimeQvalue',
              dp: 'rsaDPvalue1',
              dq: 'rsaDQvalue2',
              qi: 'rsaQIvalue3',
            },
            { kty: 'oct', k: 'octSymmetricKvalue' },
          ],
        },
      }),
    ],
  },
  {
    shape: 'interaction id in URL paths, its cookie and its resume Location',
    secrets: ['Ix7uidSecretValue1'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/auth?client_id=corpus-client&response_type=code&state=state-kept-123456',
        status: 303,
        responseHeaders: [
          { name: 'Location', value: '/interaction/Ix7uidSecretValue1' },
          {
            name: 'Set-Cookie',
            value: '_interaction=Ix7uidSecretValue1; path=/interaction/Ix7uidSecretValue1; httponly',
          },
        ],
      }),
      anExchange({
        url: 'https://as.example/interaction/Ix7uidSecretValue1/login',
        method: 'POST',
        form: { username: 'alice-kept', password: 'InteractionPass1' },
        status: 303,
        responseHeaders: { Location: 'https://as.example/auth/Ix7uidSecretValue1' },
      }),
    ],
  },
  {
    shape: 'client secret in Basic credentials',
    secrets: ['IntrospectSecret'],
    forms: [b64('sample-api:IntrospectSecret')],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/token/introspection',
        method: 'POST',
        channel: 'back-channel',
        requestHeaders: { Authorization: `Basic ${b64('sample-api:IntrospectSecret')}` },
        form: { token: 'IntrospectedToken01' },
        json: { active: true },
      }),
    ],
  },
  {
    shape: 'Basic with an empty password (the user id is the key) and Proxy-Authorization',
    secrets: ['sk_test_BasicUserKey', 'ProxyPassWord7'],
    forms: [b64('sk_test_BasicUserKey:'), b64('proxyuser:ProxyPassWord7')],
    exchanges: () => [
      anExchange({
        url: 'https://api.example/charges',
        requestHeaders: {
          Authorization: `Basic ${b64('sk_test_BasicUserKey:')}`,
          'Proxy-Authorization': `Basic ${b64('proxyuser:ProxyPassWord7')}`,
        },
      }),
    ],
  },
  {
    shape: 'authorization code in the callback, the Referer and the token request; PKCE verifier',
    secrets: ['CodeValueAbc123', 'VerifierValue0123456789abcdefghijklmnopqrstuv'],
    exchanges: () => [
      anExchange({ url: 'https://app.example/callback?code=CodeValueAbc123&state=state-kept-123456' }),
      anExchange({
        url: 'https://app.example/app.js',
        requestHeaders: { Referer: 'https://app.example/callback?code=CodeValueAbc123&state=state-kept-123456' },
      }),
      anExchange({
        url: 'https://as.example/token',
        method: 'POST',
        form: {
          grant_type: 'authorization_code',
          code: 'CodeValueAbc123',
          code_verifier: 'VerifierValue0123456789abcdefghijklmnopqrstuv',
          redirect_uri: 'https://app.example/callback',
          client_id: 'corpus-client',
        },
      }),
    ],
  },
  {
    shape: 'JWS signatures: client_assertion, id_token, a JWT pasted in an HTML page',
    secrets: ['clientAssertionSignature', 'idTokenSignatureValue', 'htmlPastedSignature'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/token',
        method: 'POST',
        form: {
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: jws('clientAssertionSignature'),
        },
        json: { id_token: jws('idTokenSignatureValue') },
      }),
      anExchange({
        url: 'https://app.example/debug',
        responseBody: { mimeType: 'text/html', text: `<pre>token: ${jws('htmlPastedSignature')}</pre>` },
      }),
    ],
  },
  {
    shape: 'implicit-flow token in a percent-encoded fragment',
    secrets: ['abc/def+ghi=jkl-0123456789'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/authorize?response_type=token',
        status: 302,
        responseHeaders: {
          Location: `https://app.example/cb#access_token=${encodeURIComponent('abc/def+ghi=jkl-0123456789')}&token_type=Bearer`,
        },
      }),
    ],
  },
  {
    shape: 'form_post response: code and id_token in hidden inputs',
    secrets: ['FormPostCodeValue', 'formPostIdTokenSig'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/auth?response_mode=form_post',
        responseBody: {
          mimeType: 'text/html',
          text: `<form method="post" action="https://app.example/cb"><input type="hidden" name="code" value="FormPostCodeValue"/><input type="hidden" name="id_token" value="${jws('formPostIdTokenSig')}"/><input type="hidden" name="state" value="state-kept-123456"/></form>`,
        },
      }),
    ],
  },
  {
    shape: 'JSON nested in a JSON string, and an Authorization member in logged headers',
    secrets: ['NestedStringToken', 'JsonHeaderBearer'],
    exchanges: () => [
      anExchange({
        url: 'https://app.example/log',
        method: 'POST',
        requestBody: json(
          JSON.stringify({
            data: JSON.stringify({ access_token: 'NestedStringToken' }),
            headers: { Authorization: 'Bearer JsonHeaderBearer' },
          }),
        ),
      }),
    ],
  },
  {
    shape: 'session cookie set then sent, in headers and HAR cookie lists',
    secrets: ['CookieSessionVal'],
    exchanges: () => {
      const set = anExchange({
        url: 'https://as.example/login',
        responseHeaders: { 'Set-Cookie': '_session=CookieSessionVal; Path=/; HttpOnly; SameSite=Lax' },
      });
      const sent = anExchange({
        url: 'https://as.example/auth',
        requestHeaders: { Cookie: 'theme=dark; _session="CookieSessionVal"' },
      });
      return [
        {
          ...set,
          response: {
            ...set.response,
            cookies: [{ name: '_session', value: 'CookieSessionVal', path: '/', httpOnly: true }],
          },
        },
        { ...sent, request: { ...sent.request, cookies: [{ name: '_session', value: 'CookieSessionVal' }] } },
      ];
    },
  },
  {
    shape: 'refresh_token in a response body stored as base64',
    secrets: ['Base64BodyRefresh'],
    forms: [b64('{"refresh_token":"Base64BodyRefresh","token_type":"Bearer"}')],
    exchanges: () => {
      const ex = anExchange({ url: 'https://as.example/token', method: 'POST', form: { grant_type: 'refresh_token' } });
      const text = b64('{"refresh_token":"Base64BodyRefresh","token_type":"Bearer"}');
      return [
        {
          ...ex,
          response: { ...ex.response, content: { size: 60, mimeType: 'application/json', text, encoding: 'base64' } },
        },
      ];
    },
  },
  {
    shape: 'password in URL userinfo, camelCase accessToken, subject_token, client_secret with reserved characters',
    secrets: ['UrlUserinfoPass', 'CamelCaseTokenVal', 'SubjectTokenForExchange', 's3cr3t/with+chars= &'],
    exchanges: () => [
      anExchange({ url: 'https://proxyuser:UrlUserinfoPass@api.example/items' }),
      anExchange({ url: 'https://app.example/state', json: { user: { accessToken: 'CamelCaseTokenVal' } } }),
      anExchange({
        url: 'https://as.example/token',
        method: 'POST',
        form: {
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token: 'SubjectTokenForExchange',
          client_id: 'corpus-client',
          client_secret: 's3cr3t/with+chars= &',
        },
      }),
    ],
  },
  {
    shape: 'multipart part named without quotes, LF line breaks and a quoted boundary',
    secrets: ['UnquotedPartPass9'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/login',
        method: 'POST',
        requestBody: {
          mimeType: 'multipart/form-data; boundary="XyZcorpus"',
          text: '--XyZcorpus\nContent-Disposition: form-data; name=username\n\nalice-kept\n--XyZcorpus\nContent-Disposition: form-data; name=password\n\nUnquotedPartPass9\n--XyZcorpus--\n',
        },
      }),
    ],
  },
  {
    shape: 'presigned URLs: X-Amz-Signature, X-Goog-Signature and an Azure SAS sig= in a query',
    secrets: ['amzSignatureHex0123456789abcdef', 'googSignatureHex9876', 'sasSignatureValue+/='],
    exchanges: () => [
      anExchange({
        url: 'https://s3.example/bucket/o?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIACORPUSKEPT%2F20260101&X-Amz-Signature=amzSignatureHex0123456789abcdef',
      }),
      anExchange({
        url: `https://blob.example/c/o?sv=2020-08-04&sp=r&sig=${encodeURIComponent('sasSignatureValue+/=')}`,
      }),
      anExchange({
        url: 'https://storage.example/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=googSignatureHex9876',
      }),
    ],
  },
  {
    shape: 'PEM private keys in a JSON string and in a text body (public keys and certificates stay)',
    secrets: [...pemBody(RSA_PRIVATE_PEM), ...pemBody(EC_PRIVATE_PEM)],
    exchanges: () => [
      anExchange({
        url: 'https://app.example/config',
        json: { config: { pem: RSA_PRIVATE_PEM, pub: EC_PUBLIC_PEM } },
      }),
      anExchange({
        url: 'https://app.example/key.pem',
        responseBody: { mimeType: 'application/x-pem-file', text: EC_PRIVATE_PEM },
      }),
    ],
  },
  {
    shape: 'arrays of credentials under a plural name (tokens, refresh_tokens, passwords)',
    secrets: ['arrayTokenValueOne', 'arrayTokenValueTwo', 'pluralRefreshValue', 'pluralPasswordVal'],
    exchanges: () => [
      anExchange({
        url: 'https://app.example/sessions',
        json: {
          tokens: ['arrayTokenValueOne', 'arrayTokenValueTwo'],
          refresh_tokens: [{ value: 'pluralRefreshValue' }],
          passwords: ['pluralPasswordVal'],
          scopes: ['openid', 'profile'],
        },
      }),
    ],
  },
  {
    shape: 'text/plain form body (HTML enctype=text/plain): one name=value per line',
    secrets: ['PlainFormPass 1+2'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/login',
        method: 'POST',
        requestBody: { mimeType: 'text/plain', text: 'user=alice-kept\r\npassword=PlainFormPass 1+2\r\n' },
      }),
    ],
  },
  {
    shape: 'NDJSON and server-sent events carrying credential members',
    secrets: ['ndjsonAccessToken1', 'sseAccessTokenVal1', 'sseRefreshTokenVal'],
    exchanges: () => [
      anExchange({
        url: 'https://api.example/stream',
        responseBody: {
          mimeType: 'application/x-ndjson',
          text: '{"event":"start","client_id":"corpus-client"}\n{"access_token":"ndjsonAccessToken1"}\n',
        },
      }),
      anExchange({
        url: 'https://api.example/events',
        responseBody: {
          mimeType: 'text/event-stream',
          text: 'event: token\ndata: {"access_token":"sseAccessTokenVal1"}\n\nid: 2\ndata:{"refresh_token":"sseRefreshTokenVal"}\n\n',
        },
      }),
    ],
  },
  {
    shape: "JSON behind an XSSI prefix ()]}' and while(1);)",
    secrets: ['xssiAccessToken01', 'whileOneTokenVal'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/session',
        responseBody: { mimeType: 'application/json', text: ')]}\',\n{"access_token":"xssiAccessToken01"}' },
      }),
      anExchange({
        url: 'https://as.example/session2',
        responseBody: { mimeType: 'application/json', text: 'while(1);{"id_token":"whileOneTokenVal"}' },
      }),
    ],
  },
  {
    shape: 'XML elements named for a credential (password, client_secret, a namespaced wsse:Password, CDATA)',
    secrets: ['xmlPasswordValue1', 'xmlClientSecret&2', 'wssePasswordValue', 'cdataSecretValue'],
    forms: ['xmlClientSecret&amp;2'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/soap',
        method: 'POST',
        requestBody: {
          mimeType: 'application/xml',
          text: '<login><username>alice-kept</username><password>xmlPasswordValue1</password><client_secret>xmlClientSecret&amp;2</client_secret></login>',
        },
        responseBody: { mimeType: 'text/xml', text: '<error><code>AccessDeniedKept</code></error>' },
      }),
      anExchange({
        url: 'https://as.example/ws',
        method: 'POST',
        requestBody: {
          mimeType: 'application/soap+xml',
          text: '<wsse:UsernameToken><wsse:Username>alice-kept</wsse:Username><wsse:Password Type="PasswordText">wssePasswordValue</wsse:Password></wsse:UsernameToken><secret><![CDATA[cdataSecretValue]]></secret>',
        },
      }),
    ],
  },
  {
    shape: 'path parameter ;jsessionid= in a URL and its Location',
    secrets: ['JSessionPathId77'],
    exchanges: () => [
      anExchange({
        url: 'https://as.example/app;jsessionid=JSessionPathId77?client_id=corpus-client',
        status: 302,
        responseHeaders: { Location: '/app/home;jsessionid=JSessionPathId77' },
      }),
    ],
  },
  {
    shape: 'WebSocket messages of an imported DevTools HAR',
    secrets: ['wsAccessTokenValue1', 'wsPasswordValue99'],
    exchanges: () => {
      const ex = anExchange({ url: 'https://app.example/socket', status: 101 });
      const messages = [
        { type: 'send', time: 1, opcode: 1, data: '{"type":"auth","access_token":"wsAccessTokenValue1"}' },
        { type: 'send', time: 2, opcode: 1, data: 'password=wsPasswordValue99' },
        { type: 'receive', time: 3, opcode: 1, data: '{"client_id":"corpus-client"}' },
      ];
      return [{ ...ex, _webSocketMessages: messages } as Exchange];
    },
  },
];

/** Values that are not credentials and that a reader needs to follow the flow (see README, Safety). */
const KEPT = [
  'corpus-client',
  'openid+profile',
  'https://app.example/callback',
  'state-kept-123456',
  'alice-kept',
  'kid-kept',
  'publicXkept',
  'publicNkept',
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsIm5vbmNlIjoibm9uY2Uta2VwdCJ9',
  'dcd98b7102dd2f0e8b11d0f600bfb0c093',
  'testrealm@host.com',
  '/interaction/',
  '_session=',
  'theme=',
  'Bearer',
  'expires_in',
  '3600',
  'X-Amz-Credential=AKIACORPUSKEPT',
  'sv=2020-08-04',
  pemBody(EC_PUBLIC_PEM)[0]!,
  'BEGIN PRIVATE KEY',
  'jsessionid=',
  '<code>AccessDeniedKept</code>',
  'wsse:Username>alice-kept',
  'scopes',
];

/** Every form in which a planted value could still be read. */
function formsOf(planted: Planted): string[] {
  const forms = [
    ...planted.secrets.flatMap((s) => [
      s,
      encodeURIComponent(s),
      formEncode(s),
      JSON.stringify(s).slice(1, -1),
      b64(s),
    ]),
    ...(planted.forms ?? []),
  ];
  // As the HAR's own JSON writes them (a body's text is a JSON string inside the file).
  return [...new Set([...forms, ...forms.map((f) => JSON.stringify(f).slice(1, -1))])];
}

/** The serialized export, followed by every base64 body decoded, so a secret cannot hide in one. */
function exported(exchanges: Exchange[]): string {
  const har = toHarFile(redact(exchanges));
  const decoded = har.log.entries.map((e) =>
    e.response.content.encoding === 'base64' ? atob(e.response.content.text ?? '') : '',
  );
  return JSON.stringify(har) + decoded.join('\n');
}

describe('redaction corpus', () => {
  it.each(CORPUS.map((p) => [p.shape, p] as const))('leaves no trace of: %s', (_shape, planted) => {
    const exchanges = planted.exchanges();
    // The planted value is really in the unredacted export, so the test could see it survive.
    const before = JSON.stringify(toHarFile(exchanges));
    expect(formsOf(planted).some((form) => before.includes(form))).toBe(true);
    const text = exported(exchanges);
    const survivors = formsOf(planted).filter((form) => text.includes(form));
    expect(survivors).toEqual([]);
  });

  it('leaves no trace of any planted value when all shapes are exported together, and the export is valid HAR 1.2', async () => {
    const all = CORPUS.flatMap((p) => p.exchanges()).map((e, i) => ({ ...e, _seq: i, _id: `c${i}` }));
    const har = toHarFile(redact(all));
    const text = JSON.stringify(har);
    expect(CORPUS.flatMap(formsOf).filter((form) => text.includes(form))).toEqual([]);
    await expect(harValidator.har(JSON.parse(text))).resolves.toBeTruthy();
  });

  it('keeps client ids, scopes, redirect URIs, state, user names, public key members, JWS claims and names', () => {
    const text = exported(CORPUS.flatMap((p) => p.exchanges()));
    expect(KEPT.filter((value) => !text.includes(value))).toEqual([]);
  });
});
