// The shared exchange id `#N`: the same number live, in an export, redacted, and for a DevTools HAR without `_id`.
import { describe, expect, it } from 'vitest';
import { exchangeLabel, exchangeLabels, findExchange, parseExchangeNumber } from './exchange-number.ts';
import { redact, toHarFile } from './har-export.ts';
import { importHar } from './har-import.ts';
import { anExchange } from './testing/an-exchange.ts';

/** A live session as the proxy numbers it: `_id` = run id + counter, `_seq` = counter; #3 never finished. */
function liveSession() {
  return [0, 1, 3, 4].map((seq) =>
    anExchange({ id: `7ccd080b-${seq}`, seq, url: `http://web.localhost:8080/p${seq}`, form: { password: 'pw' } }),
  );
}

function reopened(text: string) {
  const r = importHar(text);
  if (!r.ok) throw new Error(r.message);
  return r.exchanges;
}

describe('exchange numbers', () => {
  it('numbers a live exchange by its capture counter, 1-based', () => {
    expect(liveSession().map(exchangeLabel)).toEqual(['#1', '#2', '#4', '#5']);
  });

  it('keeps the live numbers through an export and a redacted export, gaps included', () => {
    const live = liveSession().map(exchangeLabel);
    expect(reopened(JSON.stringify(toHarFile(liveSession()))).map(exchangeLabel)).toEqual(live);
    const redacted = reopened(JSON.stringify(toHarFile(redact(liveSession()))));
    expect(redacted.map(exchangeLabel)).toEqual(live);
    expect(redacted.map((x) => x._id)).toEqual(liveSession().map((x) => x._id));
  });

  it('numbers a DevTools HAR (no _id, no _seq) by entry position', () => {
    const entries = toHarFile(liveSession()).log.entries.map((e) => {
      const { _id, _seq, ...rest } = e as unknown as Record<string, unknown>;
      void _id;
      void _seq;
      return rest;
    });
    const exchanges = reopened(JSON.stringify({ log: { version: '1.2', entries } }));
    expect(exchanges.map(exchangeLabel)).toEqual(['#1', '#2', '#3', '#4']);
    expect(exchanges.map((x) => x._id)).toEqual(['e0', 'e1', 'e2', 'e3']);
  });

  it('numbers by position when a file repeats a _seq (two sessions concatenated)', () => {
    const entries = [...toHarFile(liveSession()).log.entries, ...toHarFile(liveSession()).log.entries];
    const exchanges = reopened(JSON.stringify({ log: { version: '1.2', entries } }));
    expect(exchanges.map(exchangeLabel)).toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7', '#8']);
    expect(new Set(exchanges.map((x) => x._id)).size).toBe(8);
  });

  it('gives a repeated _id a new one no other entry has, even when a kept _seq names an existing e<seq>', () => {
    const entries = toHarFile([
      anExchange({ id: 'e5', seq: 0, url: 'http://a.test/0' }),
      anExchange({ id: 'x', seq: 1, url: 'http://a.test/1' }),
      anExchange({ id: 'x', seq: 5, url: 'http://a.test/5' }),
    ]).log.entries;
    const exchanges = reopened(JSON.stringify({ log: { version: '1.2', entries } }));
    expect(exchanges.map((x) => x._id)).toEqual(['e5', 'x', 'e5-2']);
  });

  it('finds an exchange by number as typed (5 or #5), or by its _id', () => {
    const session = liveSession();
    expect(parseExchangeNumber('#5')).toBe(5);
    expect(parseExchangeNumber(' 5 ')).toBe(5);
    expect(parseExchangeNumber('0')).toBeUndefined();
    expect(parseExchangeNumber('7ccd080b-4')).toBeUndefined();
    expect(findExchange(session, '5')?._id).toBe('7ccd080b-4');
    expect(findExchange(session, '#4')?._id).toBe('7ccd080b-3');
    expect(findExchange(session, '7ccd080b-1')?._seq).toBe(1);
    expect(findExchange(session, '3')).toBeUndefined();
    expect(exchangeLabels(session).get('7ccd080b-4')).toBe('#5');
  });
});
