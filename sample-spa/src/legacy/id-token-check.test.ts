// The legacy page's ID token checks refuse what a real implicit client refuses: a foreign nonce, a swapped access token, a bad signature.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { atHashOf, checkIdToken, type IdTokenExpectations } from './id-token-check.ts';

const ISSUER = 'http://login.localhost:8080';
const CLIENT = 'sample-legacy-spa';
let key: CryptoKey;
let otherKey: CryptoKey;
let expected: IdTokenExpectations;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  expected = {
    issuer: ISSUER,
    clientId: CLIENT,
    nonce: 'nonce-1',
    accessToken: 'opaque-access-token',
    // A data: URL serves the key set without a server, in Node and in the browser alike.
    jwksUri: `data:application/json,${encodeURIComponent(JSON.stringify(jwks))}`,
  };
});

async function idToken(claims: Record<string, unknown>, signWith: CryptoKey = key): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: ISSUER,
    aud: CLIENT,
    sub: 'alice',
    iat: now,
    exp: now + 300,
    nonce: 'nonce-1',
    at_hash: await atHashOf('opaque-access-token'),
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .sign(signWith);
}

describe('checkIdToken (OIDC Core §3.2.2.11)', () => {
  it('accepts an ID token issued with this access token for this login', async () => {
    expect((await checkIdToken(await idToken({}), expected)).sub).toBe('alice');
  });

  it('refuses an ID token replayed from another login (nonce, §3.2.2.11)', async () => {
    await expect(checkIdToken(await idToken({ nonce: 'nonce-of-another-login' }), expected)).rejects.toThrow(/nonce/);
  });

  it('refuses an access token swapped in next to a genuine ID token (at_hash, §3.2.2.9)', async () => {
    await expect(checkIdToken(await idToken({}), { ...expected, accessToken: 'injected-token' })).rejects.toThrow(
      /at_hash/,
    );
  });

  it('refuses a signature made with another key, another audience and an expired token', async () => {
    await expect(checkIdToken(await idToken({}, otherKey), expected)).rejects.toThrow(/signature/);
    await expect(checkIdToken(await idToken({ aud: 'other-client' }), expected)).rejects.toThrow(/another client/);
    await expect(checkIdToken(await idToken({ exp: 1 }), expected)).rejects.toThrow(/expired/);
  });
});
