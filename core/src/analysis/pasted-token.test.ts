// A JWT pasted from elsewhere: found in a Bearer line or URL, decoded, and verified only with a key the session captured.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../har.ts';
import { importHar } from '../har-import.ts';
import { analyze } from './analyze.ts';
import { bytesToBase64Url } from './jwt-decode.ts';
import { capturedKeySets, findPastedJwt, inspectPastedToken, type KeySetKey } from './pasted-token.ts';

let exchanges: Exchange[];
let keys: KeySetKey[];
let idToken: string;

beforeAll(async () => {
  const text = await readFile(new URL('../../../lessons/recordings/happy-path.har', import.meta.url), 'utf8');
  const imported = importHar(text);
  if (!imported.ok) throw new Error(imported.message);
  exchanges = imported.exchanges;
  keys = capturedKeySets(exchanges);
  const analysis = await analyze(exchanges);
  idToken = analysis.tokens.find((t) => t.kind === 'id-token' && t.signature?.status === 'verified')!.value;
});

const withHeader = (token: string, header: Record<string, unknown>) =>
  [bytesToBase64Url(new TextEncoder().encode(JSON.stringify(header))), ...token.split('.').slice(1)].join('.');

describe('pasted JWTs', () => {
  it('lists the keys of the captured key set with the URL they came from', () => {
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]!.url).toMatch(/^https?:\/\/.*(jwks|certs)/);
    expect(keys[0]!.kid).toBeTypeOf('string');
  });

  it('verifies a token from the session with the captured key and shows its claims with dates', async () => {
    const result = await inspectPastedToken(idToken, keys, Date.now());
    if (!result.ok) throw new Error(result.problem);
    expect(result.signature.status).toBe('verified');
    expect(result.signature.kid).toBe(keys[0]!.kid);
    expect(result.claims.find((c) => c.name === 'exp')?.time?.iso).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(result.claims.find((c) => c.name === 'iss')?.meaning).toBeTruthy();
  });

  it('finds the token in an Authorization line and in a URL fragment', () => {
    expect(findPastedJwt(`Authorization: Bearer ${idToken}\n`)).toEqual({
      value: idToken,
      source: 'the Bearer credentials',
    });
    expect(findPastedJwt(`http://web.localhost/cb#state=x&id_token=${idToken}&session_state=y`)).toEqual({
      value: idToken,
      source: 'parameter id_token',
    });
    expect(findPastedJwt(`The token was ${idToken}.`)).toEqual({ value: idToken, source: 'the text' });
  });

  it('says a tampered token does not match the key', async () => {
    const [h, p, s] = idToken.split('.') as [string, string, string];
    const claims = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(p.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))),
    );
    const forged = [
      h,
      bytesToBase64Url(new TextEncoder().encode(JSON.stringify({ ...claims, sub: 'mallory' }))),
      s,
    ].join('.');
    const result = await inspectPastedToken(forged, keys, Date.now());
    expect(result.ok && result.signature.status).toBe('invalid');
    expect(result.ok && result.claims.find((c) => c.name === 'sub')?.value).toBe('mallory');
  });

  it('says no captured key set has the key of an unknown kid', async () => {
    const header = JSON.parse(atob(idToken.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')));
    const result = await inspectPastedToken(withHeader(idToken, { ...header, kid: 'elsewhere' }), keys, Date.now());
    expect(result.ok && result.signature).toMatchObject({ status: 'unverifiable', kid: 'elsewhere' });
    expect(result.ok && result.signature.detail).toMatch(/No captured key set has a key with kid "elsewhere"/);
  });

  it('answers garbage with one sentence and no claims', async () => {
    for (const text of ['hello world', 'eyJhbGciOiJub25lIn0.!!!.x', '']) {
      const result = await inspectPastedToken(text, keys, Date.now());
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problem).toMatch(/^[A-Z][^\n]*\.$/);
    }
    const jwe = await inspectPastedToken(`Bearer eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn`, keys, Date.now());
    expect(!jwe.ok && jwe.problem).toMatch(/encrypted JWT \(JWE/);
    const header = await inspectPastedToken('eyJub3RhbGciOjF9.eyJhIjoxfQ.', keys, Date.now());
    expect(!header.ok && header.problem).toMatch(/alg/);
  });
});
