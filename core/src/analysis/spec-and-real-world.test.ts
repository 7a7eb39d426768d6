// The analyzer against spec test vectors (RFC 7636, RFC 7515, OIDC Core App. A) and real provider material from core/test-fixtures.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { CryptoCache } from './crypto-cache.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { importHar } from '../har-import.ts';
import type { Analysis } from './types.ts';
import type { Exchange } from '../har.ts';

const FIXTURES = fileURLToPath(new URL('../../test-fixtures/real-world/', import.meta.url));
function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(FIXTURES + name, 'utf8').replace(/^\uFEFF/, '')) as T;
}
const vectors = fixture('spec-vectors__rfc7636_rfc7515_rfc7517_rfc8037_oidc-core-appendixA.json');

function jwksExchange(keys: unknown[], seq: number, at: string, url = 'https://issuer.test/jwks'): Exchange {
  return anExchange({ url, seq, at, channel: 'back-channel', json: { keys } });
}
function apiCall(token: string, seq: number, at: string, status = 200): Exchange {
  return anExchange({
    url: 'https://api.test/resource',
    seq,
    at,
    requestHeaders: { Authorization: `Bearer ${token}` },
    status,
    json: { ok: true },
  });
}
function findingsFor(a: Analysis, checkId: string) {
  return a.findings.filter((f) => f.checkId === checkId);
}

/** The OIDC Core App. A authorization request at server.example.com, answered by a redirect carrying `fragment`. */
function authorizeRedirect(at: string, authz: URLSearchParams, fragment: URLSearchParams) {
  return anExchange({
    seq: 0,
    at,
    url: `https://server.example.com/authorize?${authz}`,
    status: 302,
    responseHeaders: { Location: `https://client.example.org/cb#${fragment}` },
  });
}

describe('RFC 7636 Appendix B', () => {
  it('computes the S256 challenge of the example verifier', async () => {
    const v = vectors.rfc7636_appendixB;
    expect(await new CryptoCache().pkceS256(v.code_verifier)).toBe(v.code_challenge);
  });

  it('matches the example verifier with its challenge across a captured flow', async () => {
    const v = vectors.rfc7636_appendixB;
    const a = await analyze([
      anExchange({
        seq: 0,
        url: `https://as.test/authorize?response_type=code&client_id=c1&state=abcdefghij&code_challenge=${v.code_challenge}&code_challenge_method=S256`,
        status: 302,
        responseHeaders: { Location: 'https://app.test/cb?code=C1&state=abcdefghij' },
      }),
      anExchange({
        seq: 1,
        url: 'https://as.test/token',
        form: { grant_type: 'authorization_code', code: 'C1', code_verifier: v.code_verifier, client_id: 'c1' },
        json: { access_token: 'opaque-at', token_type: 'Bearer', expires_in: 300 },
        responseHeaders: { 'Cache-Control': 'no-store' },
      }),
    ]);
    const pkce = findingsFor(a, 'pkce.s256-matches')[0]!;
    expect(pkce.status).toBe('pass');
    expect(pkce.computed?.[1]?.value).toBe(v.code_challenge);
  });
});

describe('OIDC Core Appendix A', () => {
  const o = vectors.oidc_core_appendixA;
  it('computes at_hash and c_hash of the example values', async () => {
    const c = new CryptoCache();
    expect(await c.leftHalfHash('RS256', o.access_token)).toBe(o.at_hash);
    expect(await c.leftHalfHash('RS256', o.code)).toBe(o.c_hash);
  });

  it('verifies the hybrid-flow example ID token, its c_hash and its nonce', async () => {
    const at = new Date((o.iat + 10) * 1000).toISOString();
    const authz = new URLSearchParams({
      response_type: 'code id_token',
      client_id: o.client_id,
      redirect_uri: 'https://client.example.org/cb',
      scope: 'openid',
      state: o.state,
      nonce: o.nonce,
    });
    const fragment = new URLSearchParams({ code: o.code, id_token: o.id_token_A4_code_id_token, state: o.state });
    const a = await analyze([
      authorizeRedirect(at, authz, fragment),
      jwksExchange([o.jwk_A7], 1, at, 'https://server.example.com/jwks'),
    ]);
    const token = a.tokens.find((t) => t.kind === 'id-token')!;
    expect(token.signature).toMatchObject({ status: 'verified', kid: '1e9gdk7', jwksExchangeId: 'x1' });
    expect(findingsFor(a, 'id-token.c-hash').map((f) => f.status)).toEqual(['pass']);
    expect(findingsFor(a, 'nonce.matches').map((f) => f.status)).toEqual(['pass']);
    expect(findingsFor(a, 'id-token.aud').map((f) => f.status)).toEqual(['pass']);
    expect(findingsFor(a, 'tokens.not-in-url').map((f) => f.status)).toEqual(['warn']);
  });

  it('checks at_hash of the implicit example (id_token token)', async () => {
    const at = new Date((o.iat + 10) * 1000).toISOString();
    const authz = new URLSearchParams({
      response_type: 'id_token token',
      client_id: o.client_id,
      scope: 'openid',
      state: o.state,
      nonce: o.nonce,
    });
    const fragment = new URLSearchParams({
      access_token: o.access_token,
      token_type: 'Bearer',
      id_token: o.id_token_A3_id_token_token,
      state: o.state,
    });
    const a = await analyze([authorizeRedirect(at, authz, fragment)]);
    expect(findingsFor(a, 'id-token.at-hash').map((f) => f.status)).toEqual(['pass']);
    expect(findingsFor(a, 'authz.implicit-legacy').map((f) => f.status)).toEqual(['warn']);
    expect(a.flows[0]?.kind).toBe('implicit');
  });
});

describe('RFC 7515 Appendix A', () => {
  const r = vectors.rfc7515;
  const at = '2011-03-22T18:40:00.000Z';
  it('verifies the RS256 and ES256 examples against captured keys and calls HS256 unverifiable', async () => {
    const { d: _d, ...ecPublic } = r.A3_ES256.jwk_private;
    const a = await analyze([
      jwksExchange([r.A2_RS256.jwk_public, ecPublic], 0, at),
      apiCall(r.A2_RS256.jws, 1, at),
      apiCall(r.A3_ES256.jws, 2, at),
      apiCall(r.A1_HS256.jws, 3, at),
    ]);
    const byValue = (v: string) => a.tokens.find((t) => t.value === v)!.signature?.status;
    expect(byValue(r.A2_RS256.jws)).toBe('verified');
    expect(byValue(r.A3_ES256.jws)).toBe('verified');
    expect(byValue(r.A1_HS256.jws)).toBe('unverifiable');
  });
});

describe('real providers', () => {
  const kc = fixture('uselagoon_lagoon-ssh-portal__internal_keycloak_jwt_test_tokens.json');
  const kcCerts = fixture('uselagoon_lagoon-ssh-portal__internal_keycloak_testdata_realm.oidc.certs.json');
  const kcDiscovery = fixture('uselagoon_lagoon-ssh-portal__internal_keycloak_testdata_realm.oidc.discovery.json');
  const at = '2022-11-14T15:10:00.000Z';

  it('verifies a Keycloak token, fails the tampered one and flags alg none', async () => {
    const a = await analyze([
      jwksExchange(kcCerts.keys, 0, at),
      apiCall(kc.tokens[0].token, 1, at),
      apiCall(kc.tokens[1].token, 2, at),
      apiCall(kc.tokens[5].token, 3, at),
      apiCall(kc.tokens[4].token, 4, at),
    ]);
    const sig = (i: number) => a.tokens.find((t) => t.value === kc.tokens[i].token)!.signature?.status;
    expect(sig(0)).toBe('verified');
    expect(sig(1)).toBe('invalid');
    expect(sig(5)).toBe('not-signed');
    // Two parts only: a JWT that is not one becomes a finding, never an exception.
    expect(findingsFor(a, 'jwt.format').map((f) => [f.evidence[0]?.exchangeId, f.status])).toEqual([['x4', 'fail']]);
    expect(findingsFor(a, 'jwt.signature').find((f) => f.evidence[0]?.exchangeId === 'x2')?.status).toBe('fail');
    expect(findingsFor(a, 'jwt.alg').find((f) => f.evidence[0]?.exchangeId === 'x3')?.status).toBe('fail');
  });

  it('reports a kid missing from the captured key set as unverifiable', async () => {
    const a = await analyze([jwksExchange(kcCerts.keys, 0, at), apiCall(kc.tokens[2].token, 1, at)]);
    expect(a.tokens[0]?.signature?.status).toBe('unverifiable');
    expect(findingsFor(a, 'jwt.kid-resolves').map((f) => f.status)).toEqual(['warn']);
  });

  it('flags an issuer that does not match the discovery document', async () => {
    const kcUrl = `${kcDiscovery.issuer}/.well-known/openid-configuration`;
    const token = kc.tokens[0].token;
    const a = await analyze([
      anExchange({ seq: 0, at, url: kcUrl, json: kcDiscovery }),
      anExchange({
        seq: 1,
        at,
        url: kcDiscovery.token_endpoint,
        form: { grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'ssh-portal' },
        responseHeaders: { 'Cache-Control': 'no-store' },
        json: { access_token: 'opaque', id_token: token, token_type: 'Bearer', expires_in: 300 },
      }),
      anExchange({
        seq: 2,
        at,
        url: 'https://api.test/a',
        requestHeaders: { Authorization: 'Bearer other' },
        json: {},
      }),
    ]);
    expect(a.labels.find((l) => l.exchangeId === 'x0')?.recognizer).toBe('discovery');
    expect(findingsFor(a, 'id-token.iss')[0]).toMatchObject({ status: 'fail' });
    expect(findingsFor(a, 'id-token.iss')[0]?.message).toContain(kcDiscovery.issuer);
    // The same token used as an access token at an API is flagged by the JWT access token profile.
    const b = await analyze([anExchange({ seq: 0, at, url: kcUrl, json: kcDiscovery }), apiCall(token, 1, at)]);
    expect(findingsFor(b, 'access-token.jwt-profile')[0]).toMatchObject({ status: 'fail' });
    expect(findingsFor(b, 'access-token.jwt-profile')[0]?.message).toContain('not the discovered issuer');
  });

  it("verifies an Auth0 client-credentials token and an Entra ID v1 token with their providers' keys", async () => {
    const auth0 = fixture('jpadilla_pyjwt__tests_test_jwks_client__auth0_jwks_and_token.json');
    const entra = fixture('zalando_skipper__filters_auth_jwt_validation_test__entra_v1_token_and_key.json');
    const a = await analyze([
      jwksExchange(auth0.jwks.keys, 0, '2019-10-25T12:35:55Z'),
      apiCall(auth0.access_token, 1, '2019-10-25T12:35:55Z'),
      jwksExchange(
        entra.jwks.keys,
        2,
        '2021-05-05T12:40:00Z',
        'https://login.microsoftonline.com/common/discovery/keys',
      ),
      apiCall(entra.access_token, 3, '2021-05-05T12:40:00Z'),
    ]);
    expect(a.tokens.map((t) => [t.signature?.status, t.signature?.jwksExchangeId])).toEqual([
      ['verified', 'x0'],
      ['verified', 'x2'],
    ]);
  });

  it('finds the Okta flow in the synthetic HAR: PKCE matched, fake signatures unverifiable', async () => {
    const r = importHar(readFileSync(FIXTURES + 'piyushazanjad_okta-har-analyzer_sample.har', 'utf8'));
    if (!r.ok) throw new Error(r.message);
    const a = await analyze(r.exchanges);
    expect(a.flows).toHaveLength(1);
    expect(a.flows[0]).toMatchObject({ kind: 'authorization-code', clientId: '0oa3abc123def', state: 'xyzstate' });
    expect(findingsFor(a, 'pkce.s256-matches').map((f) => f.status)).toEqual(['pass']);
    const jwts = a.tokens.filter((t) => t.format === 'jwt');
    expect(jwts.map((t) => t.kind).sort()).toEqual(['access-token', 'id-token']);
    for (const t of jwts) expect(t.signature?.status).toBe('unverifiable');
    expect(new Set(a.labels.map((l) => l.recognizer))).toEqual(
      new Set([
        'authorization-request',
        'login-page',
        'login-submit',
        'sso-cookie',
        'authorization-response',
        'token-authorization-code',
      ]),
    );
  });

  it('reads every provider discovery document as metadata', async () => {
    const names = ['google', 'apple', 'entra-common', 'gitlab', 'paypal', 'yahoo', 'slack'];
    for (const name of names) {
      const doc = fixture(`panva_wellknown__${name}.json`);
      const meta = doc.discovery ?? doc.metadata ?? doc;
      const a = await analyze([
        anExchange({ seq: 0, url: 'https://p.test/.well-known/openid-configuration', json: meta }),
      ]);
      expect(
        a.labels.map((l) => l.recognizer),
        name,
      ).toContain('discovery');
    }
  });
});
