// The recordings of the scenarios that rehearse steps 10, 12, 16 and 18: what their traffic shows, read from the HAR.
import { describe, expect, it } from 'vitest';
import type { Exchange } from '@oauth-inspector/core';
import { findings, recording, stepExchanges, stepStatus } from './testing/recordings.ts';

const param = (e: Exchange, name: string) => new URL(e.request.url).searchParams.get(name);
const isJwksDownload = (e: Exchange) => e._channel === 'back-channel' && new URL(e.request.url).pathname === '/jwks';
const isApiGet = (e: Exchange) => e.request.method === 'GET' && new URL(e.request.url).pathname.startsWith('/api/');

describe('happy-path.har: the nonce (step 12)', () => {
  it('sends a fresh nonce with each sign-in, finds it in that sign-in’s ID token, and nonce.matches passes', async () => {
    const r = await recording('happy-path');
    const sent = r.exchanges.filter((e) => param(e, 'response_type') === 'code').map((e) => param(e, 'nonce'));
    expect(sent).toHaveLength(2);
    expect(new Set(sent).size).toBe(2);
    const inTokens = r.codeFlow.tokens
      .filter((t) => t.kind === 'id-token')
      .map((t) => t.claims?.find((c) => c.name === 'nonce')?.value);
    expect(inTokens).toEqual(sent);
    expect(findings(r.codeFlow, 'nonce.matches').map((f) => f.status)).toEqual(['pass', 'pass']);
  });

  it('carries no at_hash or c_hash in the code-flow ID token (lesson 12 says so)', async () => {
    const r = await recording('happy-path');
    const names = r.codeFlow.tokens.filter((t) => t.kind === 'id-token').flatMap((t) => t.claims!.map((c) => c.name));
    expect(names).not.toContain('at_hash');
    expect(names).not.toContain('c_hash');
  });
});

describe.each(['unknown-client', 'unregistered-redirect-uri'])('%s.har (step 10, RFC 6749 §4.1.2.1)', (name) => {
  it('ends with an error page at the authorization server: a 4xx, no Location, nothing back at the SPA', async () => {
    const r = await recording(name);
    expect(stepStatus(r.codeFlow, 10)).toBe('seen');
    const [refused] = stepExchanges(r, r.codeFlow, 10);
    expect(refused!.response.status).toBeGreaterThanOrEqual(400);
    expect(refused!.response.headers.some((h) => h.name.toLowerCase() === 'location')).toBe(false);
    expect(refused!.response.content.mimeType).toMatch(/text\/html/);
    expect(r.exchanges.at(-1)).toBe(refused);
    expect(stepStatus(r.codeFlow, 7)).toBe('not-seen');
  });
});

describe('other-users-item.har (step 18)', () => {
  it("answers Alice's request for Bob's item b-1 with 404, after her own list was served", async () => {
    const r = await recording('other-users-item');
    const answers = stepExchanges(r, r.codeFlow, 18).map((e) => [new URL(e.request.url).pathname, e.response.status]);
    expect(answers).toEqual([
      ['/api/items', 200],
      ['/api/items/b-1', 404],
    ]);
  });
});

describe('jwks-cache.har (step 16)', () => {
  it('serves three API calls with one key download, made during the first call', async () => {
    const r = await recording('jwks-cache');
    const calls = r.exchanges.filter(isApiGet);
    expect(calls.map((e) => e.response.status)).toEqual([200, 200, 200]);
    const downloads = r.exchanges.filter(isJwksDownload);
    expect(downloads).toHaveLength(1);
    // Started inside the first call's time span, captured after it (causality, not capture order).
    const first = calls[0]!;
    const start = Date.parse(first.startedDateTime);
    const downloadStart = Date.parse(downloads[0]!.startedDateTime);
    expect(downloadStart).toBeGreaterThanOrEqual(start);
    expect(downloadStart).toBeLessThanOrEqual(start + first.time);
    expect(downloads[0]!._seq).toBeGreaterThan(first._seq);
    expect(findings(r.codeFlow, 'api.access-token-validated').map((f) => f.status)).toEqual(['pass', 'pass', 'pass']);
  });
});
