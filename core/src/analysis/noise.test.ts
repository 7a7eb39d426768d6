// Noise that hides signal: warnings only where something was at stake, lifetimes in a reader's unit, one session cookie per session.
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { anExchange } from '../testing/an-exchange.ts';
import { AS, API, CLIENT_ID, METADATA } from '../testing/oauth-session.ts';

const discovery = () => anExchange({ seq: 0, url: `${AS}/.well-known/openid-configuration`, json: METADATA });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const rs256 = (claims: object) => `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(claims)}.${'A'.repeat(43)}`;
const tokens = (body: Record<string, unknown>) =>
  anExchange({
    seq: 1,
    url: `${AS}/token`,
    form: { grant_type: 'authorization_code', code: 'C', client_id: CLIENT_ID },
    json: body,
  });

describe('noise', () => {
  it('says "8 seconds" for expires_in 8, not "0 minutes"', async () => {
    const a = await analyze([
      discovery(),
      tokens({ access_token: 'opaque-0123456789', token_type: 'Bearer', expires_in: 8 }),
    ]);
    expect(a.findings.find((f) => f.checkId === 'token.expires-in')?.message).toBe('The access token lives 8 seconds.');
  });

  it('warns of a missing key set only for a token someone had to verify', async () => {
    const access = rs256({ iss: AS, aud: API, sub: 'alice', exp: 4_000_000_000 });
    const idToken = rs256({ iss: AS, aud: CLIENT_ID, sub: 'alice', exp: 4_000_000_000, iat: 1 });
    const issued = tokens({ access_token: access, id_token: idToken, token_type: 'Bearer', expires_in: 60 });
    const quiet = await analyze([discovery(), issued]);
    expect(quiet.findings.filter((f) => f.checkId === 'jwt.signature').map((f) => f.status)).toEqual([
      'not-applicable',
      'not-applicable',
    ]);
    const used = await analyze([
      discovery(),
      issued,
      anExchange({
        seq: 2,
        url: `${API}/api/items`,
        requestHeaders: { Authorization: `Bearer ${access}` },
        status: 500,
        json: {},
      }),
    ]);
    const byKind = (kind: string) =>
      used.findings.find((f) => f.checkId === 'jwt.signature' && f.evidence[0]!.label.startsWith(kind))?.status;
    expect([byKind('access-token'), byKind('id-token')]).toEqual(['warn', 'not-applicable']);
  });

  it('does not count the signed-cookie companion (_session.sig) as a second session cookie', async () => {
    const a = await analyze([
      discovery(),
      anExchange({
        seq: 1,
        url: `${AS}/login`,
        method: 'POST',
        form: { username: 'alice', password: 'p' },
        status: 303,
        responseHeaders: [
          { name: 'Location', value: `${AS}/auth/x` },
          { name: 'Set-Cookie', value: '_session=abc; Path=/; HttpOnly; Secure; SameSite=Lax' },
          { name: 'Set-Cookie', value: '_session.sig=def; Path=/; HttpOnly; Secure; SameSite=Lax' },
        ],
      }),
    ]);
    expect(a.labels.find((l) => l.recognizer === 'sso-cookie')?.summary).toBe('session cookie _session set');
    expect(a.findings.filter((f) => f.checkId === 'cookie.attributes')).toHaveLength(1);
  });
});
