// Tests of the feed message parser: well-formed messages pass, anything else is null.
import { describe, expect, it } from 'vitest';
import { parseFeedMessage, parseFeedRequest } from './feed-protocol.ts';
import { anExchange } from './testing/an-exchange.ts';

describe('parseFeedMessage', () => {
  it('accepts a completed exchange', () => {
    const exchange = anExchange({ url: 'http://login.localhost:8080/jwks' });
    const message = parseFeedMessage(JSON.stringify({ type: 'exchange-completed', exchange }));
    expect(message?.type).toBe('exchange-completed');
  });

  it('rejects a message whose exchange has no request', () => {
    const text = JSON.stringify({ type: 'exchange-completed', exchange: { _id: 'x', response: {} } });
    expect(parseFeedMessage(text)).toBeNull();
  });

  it('rejects unknown types and text that is not JSON', () => {
    expect(parseFeedMessage('{"type":"launch-missiles"}')).toBeNull();
    expect(parseFeedMessage('<html>')).toBeNull();
    expect(parseFeedMessage('null')).toBeNull();
  });

  it('rejects a history that contains something other than exchanges', () => {
    expect(parseFeedMessage(JSON.stringify({ type: 'history', sessionId: 's', exchanges: [42] }))).toBeNull();
  });
});

describe('parseFeedRequest', () => {
  it('reads a scenario switch and ignores anything else', () => {
    expect(parseFeedRequest('{"type":"set-scenario","scenario":"invalid-scope"}')).toEqual({
      type: 'set-scenario',
      scenario: 'invalid-scope',
    });
    expect(parseFeedRequest('{"type":"set-scenario"}')).toBeNull();
    expect(parseFeedRequest('nope')).toBeNull();
  });
});
