// Tokens told apart on the bundled token-expiry recording: numbered names, flows, times, and lifelines that show a refusal.
import { describe, expect, it } from 'vitest';
import { analyze, importHar, type Exchange } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import tokenExpiry from '../../../lessons/recordings/token-expiry.har?raw';
import { summaryLine, tokenSummaries } from './token-lifeline.ts';

async function summariesOfRecording() {
  const imported = importHar(tokenExpiry);
  if (!imported.ok) throw new Error(imported.message);
  const exchanges = imported.exchanges;
  const analysis = await analyze(exchanges);
  const summaries = tokenSummaries(analysis.tokens, analysis.flows, new Map(exchanges.map((e) => [e._id, e])));
  return analysis.tokens.map((t) => ({ kind: t.kind, ...summaries.get(t.id)! }));
}

describe('token summaries', () => {
  it('says in each row which flow produced the token, when it was issued and expires, how often it was used, its status', async () => {
    const rows = await summariesOfRecording();
    const access = rows.filter((r) => r.kind === 'access-token');
    expect(access.map((r) => r.flow)).toEqual(['authorization code flow 1', 'authorization code flow 2']);
    expect(access[0]!.issued).toMatch(/^issued \d\d:\d\d:\d\d UTC, \d+ s into the capture$/);
    expect(access[0]!.expires).toMatch(/^expires \d\d:\d\d:\d\d UTC, 8 s after issue$/);
    // The first access token was presented to the API three times and outlived its exp before the capture ended.
    expect(access.map((r) => [r.uses, r.status])).toEqual([
      [3, 'expired'],
      [2, 'active'],
    ]);
    const code = rows.find((r) => r.kind === 'authorization-code')!;
    expect(code.expires).toBe('no exp');
    // Every code in the recording was accepted by the token endpoint, so each is spent (single use, RFC 6749 §4.1.2).
    expect(rows.filter((r) => r.kind === 'authorization-code').map((r) => r.status)).toEqual(['redeemed', 'redeemed']);
    // Rows of the same kind read differently.
    expect(new Set(access.map(summaryLine)).size).toBe(access.length);
  });

  it('names each token by kind and number, ties it to its sign-in, and draws issued → presented → refused', async () => {
    const access = (await summariesOfRecording()).filter((r) => r.kind === 'access-token');
    expect(access.length).toBeGreaterThan(1);
    expect(access.map((s) => s.name)).toEqual(access.map((_, i) => `access token ${i + 1}`));
    expect(new Set(access.map((s) => s.flow)).size).toBeGreaterThan(1);
    expect(access[0]?.issued).toMatch(/^issued /);
    expect(access[0]?.expires).toMatch(/^expires /);
    const kinds = access.map((s) => s.lifeline.map((e) => e.kind));
    expect(kinds.some((k) => k[0] === 'issued' && k.includes('presented'))).toBe(true);
    expect(kinds.some((k) => k.includes('refused'))).toBe(true);
  });
});

describe('token summaries of grants a server refused, and times outside the capture', () => {
  const b64url = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  async function summariesOf(exchanges: Exchange[]) {
    const analysis = await analyze(exchanges);
    const summaries = tokenSummaries(analysis.tokens, analysis.flows, new Map(exchanges.map((e) => [e._id, e])));
    return analysis.tokens.map((t) => ({ kind: t.kind, ...summaries.get(t.id)! }));
  }

  it('draws a refresh token answered 400 invalid_grant as refused (RFC 6749 §5.2), first seen rather than issued', async () => {
    const rows = await summariesOf([
      anExchange({
        method: 'POST',
        url: 'https://login.example/token',
        form: { grant_type: 'refresh_token', refresh_token: 'rt-0123456789abcdef', client_id: 'app' },
        status: 400,
        json: { error: 'invalid_grant' },
      }),
    ]);
    const refresh = rows.find((r) => r.kind === 'refresh-token')!;
    expect(refresh.lifeline.map((e) => e.kind)).toEqual(['refused']);
    expect(refresh.status).toBe('refused');
    expect(refresh.issued).toMatch(/^first seen /);
  });

  it('says a token issued before the capture began was issued before it, not into it', async () => {
    const capture = Date.parse('2026-01-01T12:00:00Z');
    const iat = capture / 1000 - 600;
    const jwt = `${b64url({ alg: 'RS256', typ: 'at+jwt' })}.${b64url({ iss: 'https://login.example', iat, exp: iat + 3600 })}.c2ln`;
    const rows = await summariesOf([
      anExchange({
        url: 'https://api.example/items',
        requestHeaders: { authorization: `Bearer ${jwt}` },
        at: new Date(capture).toISOString(),
      }),
    ]);
    const access = rows.find((r) => r.kind === 'access-token')!;
    expect(access.issued).toBe('issued 11:50:00 UTC, 10 min before the capture');
    expect(access.expires).toBe('expires 12:50:00 UTC, 1 h after issue');
  });
});
