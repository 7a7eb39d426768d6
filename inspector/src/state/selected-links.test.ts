// The exchange detail names the back-channel calls tied to an exchange (core's links), only those the user may see.
import { describe, expect, it } from 'vitest';
import { analyze, importHar } from '@oauth-inspector/core';
import happyPath from '../../../lessons/recordings/happy-path.har?raw';
import { linksHere } from './selected-selectors.ts';

describe('links of the selected exchange', () => {
  it('ties the API’s key download to the call it answered, both ways, and hides calls replay has not reached', async () => {
    const imported = importHar(happyPath);
    if (!imported.ok) throw new Error(imported.message);
    const exchanges = imported.exchanges;
    const index = new Map(exchanges.map((e, i) => [e._id, i]));
    const analysis = await analyze(exchanges);
    const link = analysis.links[0]!;
    const jwks = exchanges[index.get(link.exchangeId)!]!;
    const api = exchanges[index.get(link.servesExchangeId)!]!;
    expect(jwks.request.url).toMatch(/\/jwks$/);
    expect(linksHere(analysis, exchanges, index, jwks._id, null).servedBy).toMatchObject({
      id: api._id,
      title: `GET ${api.request.url}`,
    });
    expect(linksHere(analysis, exchanges, index, api._id, null).calls.map((c) => c.id)).toContain(jwks._id);
    // In replay, up to (not including) the key download: the API call shows no call it has not yet made.
    expect(linksHere(analysis, exchanges, index, api._id, index.get(jwks._id)!).calls).toEqual([]);
  });
});
