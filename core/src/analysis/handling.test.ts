// What a message is and how its receiver handled it are separate findings: the artifact fails, the right handling passes.
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { AS, API, APP, CLIENT_ID, METADATA, REDIRECT_URI } from '../testing/oauth-session.ts';
import type { Analysis } from './types.ts';
import type { CheckId } from './ids.ts';

const statuses = (a: Analysis, id: CheckId) => a.findings.filter((f) => f.checkId === id).map((f) => f.status);
const discovery = () => anExchange({ seq: 0, url: `${AS}/.well-known/openid-configuration`, json: METADATA });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const FAR = 4_000_000_000;
const unsigned = `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ iss: AS, aud: API, sub: 'alice', exp: FAR })}.`;
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'; // RFC 7636 App. B
const authorize = (state: string) =>
  anExchange({
    seq: 1,
    url: `${AS}/authorize?response_type=code&client_id=${CLIENT_ID}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=${state}&code_challenge=${CHALLENGE}&code_challenge_method=S256`,
    status: 303,
    responseHeaders: { Location: `${REDIRECT_URI}?code=CODE1&state=${state}` },
  });
const redeem = (seq: number, verifier: string, answer: { status: number; json: unknown }) =>
  anExchange({
    seq,
    url: `${AS}/token`,
    requestHeaders: { Origin: APP },
    form: {
      grant_type: 'authorization_code',
      code: 'CODE1',
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    },
    ...answer,
  });

describe('invalid artifacts and their handling', () => {
  it('an unsigned token fails jwt.alg wherever it appears; the API refusing it with 401 passes', async () => {
    const call = (status: number) =>
      anExchange({
        seq: 1,
        url: `${API}/api/items`,
        requestHeaders: { Authorization: `Bearer ${unsigned}` },
        status,
        json: {},
      });
    const refused = await analyze([discovery(), call(401)]);
    expect(statuses(refused, 'jwt.alg')).toEqual(['fail']);
    expect(statuses(refused, 'api.invalid-token-refused')).toEqual(['pass']);
    expect(refused.tokens[0]!.signature?.status).toBe('not-signed');
    const accepted = await analyze([discovery(), call(200)]);
    expect(statuses(accepted, 'jwt.alg')).toEqual(['fail']);
    expect(statuses(accepted, 'api.invalid-token-refused')).toEqual(['fail']);
  });

  it("a token for another audience refused with 401 is handled; one served is api.access-token-validated's to judge", async () => {
    const other = `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ iss: AS, aud: 'https://other.example.test', sub: 'a', exp: FAR })}.`;
    const call = (status: number) =>
      anExchange({
        seq: 1,
        url: `${API}/api/items`,
        requestHeaders: { Authorization: `Bearer ${other}` },
        status,
        json: {},
      });
    const refused = await analyze([discovery(), call(401)]);
    const [finding] = refused.findings.filter((f) => f.checkId === 'api.invalid-token-refused');
    expect(finding).toMatchObject({ status: 'pass' });
    expect(finding!.message).toMatch(/aud .*does not name https:\/\/api\.example\.test/);
  });

  it('calls an http redirect URI on a local host a development exception, not an allowance', async () => {
    const a = await analyze([authorize('abcdefghijklmnop')]);
    const f = a.findings.find((x) => x.checkId === 'redirect-uri.loopback-http')!;
    expect(f.status).toBe('pass');
    expect(f.message).toBe('redirect_uri does not use plain http.');
    const local = await analyze([
      anExchange({
        seq: 1,
        url: `${AS}/authorize?response_type=code&client_id=c&state=abcdefghij&redirect_uri=http%3A%2F%2Fweb.localhost%3A8080%2Fcallback`,
        status: 303,
        responseHeaders: { Location: '/login' },
      }),
    ]);
    const dev = local.findings.find((x) => x.checkId === 'redirect-uri.loopback-http')!;
    expect(dev.message).toMatch(/development exception/);
    expect(dev.message).not.toMatch(/allowed/);
  });

  it('a wrong verifier fails pkce.s256-matches; the server refusing tokens passes, issuing them fails', async () => {
    const wrong = 'x'.repeat(50);
    const refused = await analyze([
      authorize('abcdefghijklmnop'),
      redeem(2, wrong, { status: 400, json: { error: 'invalid_grant' } }),
    ]);
    expect(statuses(refused, 'pkce.s256-matches')).toEqual(['fail']);
    expect(statuses(refused, 'pkce.mismatch-refused')).toEqual(['pass']);
    const issued = await analyze([
      authorize('abcdefghijklmnop'),
      redeem(2, wrong, { status: 200, json: { access_token: 'opaque-1234567890', token_type: 'Bearer' } }),
    ]);
    expect(statuses(issued, 'pkce.mismatch-refused')).toEqual(['fail']);
    const right = await analyze([
      authorize('abcdefghijklmnop'),
      redeem(2, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', { status: 400, json: { error: 'invalid_grant' } }),
    ]);
    expect(statuses(right, 'pkce.mismatch-refused')).toEqual([]);
  });

  it('a response whose state does not match fails state.echoed once per flow; dropping it passes, redeeming its code fails', async () => {
    const forged = () =>
      anExchange({
        seq: 2,
        url: `${REDIRECT_URI}?code=CODE1&state=forged-state-0000`,
        status: 200,
        responseBody: { mimeType: 'text/html', text: '<html></html>' },
      });
    const request = anExchange({
      seq: 1,
      url: `${AS}/authorize?response_type=code&client_id=${CLIENT_ID}&state=abcdefghijklmnop&code_challenge=${CHALLENGE}&code_challenge_method=S256`,
      status: 303,
      responseHeaders: { Location: `${REDIRECT_URI}?code=CODE1&state=forged-state-0000` },
    });
    const dropped = await analyze([request, forged()]);
    expect(statuses(dropped, 'state.echoed')).toEqual(['fail']);
    expect(statuses(dropped, 'state.mismatch-dropped')).toEqual(['pass']);
    const redeemed = await analyze([
      request,
      forged(),
      redeem(3, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', { status: 400, json: { error: 'invalid_grant' } }),
    ]);
    expect(statuses(redeemed, 'state.echoed')).toEqual(['fail']);
    expect(statuses(redeemed, 'state.mismatch-dropped')).toEqual(['fail']);
  });
});

describe('UserInfo (step 13)', () => {
  const idToken = `${b64({ alg: 'none' })}.${b64({ iss: AS, aud: CLIENT_ID, sub: 'alice', exp: FAR, iat: 1 })}.`;
  const tokens = anExchange({
    seq: 1,
    url: `${AS}/token`,
    form: { grant_type: 'authorization_code', code: 'C', client_id: CLIENT_ID },
    json: { access_token: 'opaque-access-0123456789', token_type: 'Bearer', id_token: idToken, expires_in: 60 },
  });
  const userinfo = (sub: string, auth: 'header' | 'query') =>
    anExchange({
      seq: 2,
      url: `${AS}/userinfo${auth === 'query' ? '?access_token=opaque-access-0123456789' : ''}`,
      requestHeaders: auth === 'header' ? { Authorization: 'Bearer opaque-access-0123456789' } : {},
      json: { sub },
    });

  it("passes when UserInfo's sub equals the ID token's, fails when it differs", async () => {
    expect(statuses(await analyze([discovery(), tokens, userinfo('alice', 'header')]), 'userinfo.sub-matches')).toEqual(
      ['pass'],
    );
    expect(
      statuses(await analyze([discovery(), tokens, userinfo('mallory', 'header')]), 'userinfo.sub-matches'),
    ).toEqual(['fail']);
  });

  it('passes a bearer header on the UserInfo request and fails a token in its query', async () => {
    expect(
      statuses(await analyze([discovery(), tokens, userinfo('alice', 'header')]), 'userinfo.bearer-header'),
    ).toEqual(['pass']);
    expect(
      statuses(await analyze([discovery(), tokens, userinfo('alice', 'query')]), 'userinfo.bearer-header'),
    ).toEqual(['fail']);
  });
});

describe('access token or ID token', () => {
  it('takes a JWT typed at+jwt for an access token even when its aud is the client id (RFC 9068 §2.1)', async () => {
    const claims = { iss: AS, aud: CLIENT_ID, sub: 'alice', exp: FAR, client_id: CLIENT_ID, nonce: 'n-0123456789' };
    const typed = `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`;
    const untyped = `${b64({ alg: 'none' })}.${b64(claims)}.`;
    const call = (token: string) =>
      anExchange({
        seq: 1,
        url: `${API}/api/items`,
        requestHeaders: { Authorization: `Bearer ${token}` },
        status: 401,
      });
    expect(statuses(await analyze([discovery(), call(typed)]), 'access-token.not-id-token')).toEqual(['pass']);
    expect(statuses(await analyze([discovery(), call(untyped)]), 'access-token.not-id-token')).toEqual(['fail']);
  });
});
