// access-token.jwt-profile with two discovered authorization servers: a token met only at an API may name either (RFC 9068 §4).
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { AS, API, APP, METADATA } from '../testing/oauth-session.ts';

const OTHER = 'https://other-as.example.test';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const discovery = (seq: number, issuer: string) =>
  anExchange({
    seq,
    url: `${issuer}/.well-known/openid-configuration`,
    json: { ...METADATA, issuer, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` },
  });
const call = (seq: number, iss: string) =>
  anExchange({
    seq,
    url: `${API}/api/items`,
    requestHeaders: {
      Authorization: `Bearer ${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${b64({ iss, sub: 'alice', client_id: 'spa', aud: `${API}/api`, exp: 4102444800 })}.c2lnbmF0dXJlLXZhbHVl`,
      Origin: APP,
    },
    json: { items: [] },
  });

describe('access-token.jwt-profile issuer', () => {
  it('accepts a token whose iss is the second of two discovered issuers, and fails one that names neither', async () => {
    const a = await analyze([
      discovery(0, AS),
      discovery(1, OTHER),
      call(2, AS),
      call(3, OTHER),
      call(4, 'https://x.test'),
    ]);
    const profile = a.findings.filter((f) => f.checkId === 'access-token.jwt-profile');
    expect(profile.map((f) => f.status)).toEqual(['pass', 'pass', 'fail']);
    expect(profile[2]!.message).toContain(`none of the discovered issuers ("${AS}", "${OTHER}")`);
  });

  it('holds a token to the issuer whose token endpoint answered with it, not to any discovered one', async () => {
    const jwt = `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${b64({ iss: AS, sub: 'alice', client_id: 'spa', aud: `${API}/api`, exp: 4102444800 })}.c2lnbmF0dXJlLXZhbHVl`;
    const issued = anExchange({
      seq: 2,
      method: 'POST',
      url: `${OTHER}/token`,
      form: { grant_type: 'client_credentials' },
      json: { access_token: jwt, token_type: 'Bearer', expires_in: 300 },
    });
    const used = anExchange({
      seq: 3,
      url: `${API}/api/items`,
      requestHeaders: { Authorization: `Bearer ${jwt}`, Origin: APP },
      json: { items: [] },
    });
    const a = await analyze([discovery(0, AS), discovery(1, OTHER), issued, used]);
    const profile = a.findings.filter((f) => f.checkId === 'access-token.jwt-profile');
    expect(profile.map((f) => f.status)).toEqual(['fail']);
    expect(profile[0]!.message).toContain(`is not the issuer "${OTHER}" whose token endpoint issued it`);
  });
});
