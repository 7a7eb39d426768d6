// Tokens told apart on the bundled token-expiry recording: numbered names, flows, times, and lifelines that show a refusal.
import { describe, expect, it } from 'vitest';
import { analyze, importHar } from '@oauth-inspector/core';
import tokenExpiry from '../../../lessons/recordings/token-expiry.har?raw';
import { tokenSummaries } from './token-lifeline.ts';

describe('token summaries', () => {
  it('names each token by kind and number, ties it to its sign-in, and draws issued → presented → refused', async () => {
    const imported = importHar(tokenExpiry);
    if (!imported.ok) throw new Error(imported.message);
    const exchanges = imported.exchanges;
    const analysis = await analyze(exchanges);
    const summaries = tokenSummaries(analysis.tokens, analysis.flows, new Map(exchanges.map((e) => [e._id, e])));
    const access = analysis.tokens.filter((t) => t.kind === 'access-token').map((t) => summaries.get(t.id)!);
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
