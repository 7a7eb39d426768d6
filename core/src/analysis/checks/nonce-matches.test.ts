// nonce.matches on refresh: an ID token from a refresh may omit the nonce (OIDC Core §12.2), never change it.
import { describe, expect, it } from 'vitest';
import { AS, APP, CLIENT_ID, METADATA, REDIRECT_URI, SessionWriter } from '../../testing/oauth-session.ts';
import { analyze } from '../analyze.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const idToken = (nonce: string | undefined) =>
  `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: AS, aud: CLIENT_ID, sub: 'ann', iat: 1767261600, exp: 1767265200, ...(nonce ? { nonce } : {}) })}.c2lnbmF0dXJl`;

async function refreshedWith(nonce: string | undefined) {
  const w = new SessionWriter();
  w.add({ url: `${AS}/.well-known/openid-configuration`, json: METADATA });
  const authz = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI });
  authz.set('nonce', 'nonce-of-the-login');
  w.add({ url: `${AS}/authorize?${authz}`, status: 303, responseHeaders: { Location: `${REDIRECT_URI}?code=c1` } });
  const token = (form: Record<string, string>, json: Record<string, unknown>) =>
    w.add({ url: `${AS}/token`, requestHeaders: { Origin: APP }, form, json: { token_type: 'Bearer', ...json } });
  token(
    { grant_type: 'authorization_code', code: 'c1', redirect_uri: REDIRECT_URI, client_id: CLIENT_ID },
    { access_token: 'a1', refresh_token: 'r1', id_token: idToken('nonce-of-the-login') },
  );
  const refresh = token(
    { grant_type: 'refresh_token', refresh_token: 'r1', client_id: CLIENT_ID },
    { access_token: 'a2', id_token: idToken(nonce) },
  );
  const analysis = await analyze(w.exchanges);
  return analysis.findings.find((f) => f.id === `nonce.matches:${refresh._id}`)?.status;
}

describe('nonce.matches for an ID token issued on refresh', () => {
  it('passes when the refreshed ID token carries no nonce', async () => {
    expect(await refreshedWith(undefined)).toBe('pass');
  });

  it('fails when it carries another nonce than the login', async () => {
    expect(await refreshedWith('some-other-nonce')).toBe('fail');
  });
});
