// The JWT viewer's view-model on a redacted export: a removed signature reads "not checkable (redacted)", never invalid.
import { describe, expect, it } from 'vitest';
import type { TokenInfo } from '@oauth-inspector/core';
import { signatureLabel, tokenView } from './tokens.ts';

const token: TokenInfo = {
  id: 't1',
  kind: 'id-token',
  value: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.REDACTED-signature-1',
  format: 'jwt',
  header: { alg: 'RS256' },
  claims: [{ name: 'sub', value: 'alice' }],
  signature: {
    status: 'redacted',
    detail: 'The signature was redacted in this file (it reads "REDACTED-signature-1"), so it cannot be checked.',
  },
  sightings: [],
};

describe('tokenView of a redacted signature', () => {
  it('labels it not checkable and keeps the analyzer detail', () => {
    const view = tokenView(token, new Map());
    expect(view.signature).toEqual({
      status: 'redacted',
      label: 'not checkable (redacted)',
      detail: token.signature!.detail,
    });
    expect(view.parts[2]).toBe('REDACTED-signature-1');
  });

  it('leaves the other statuses as they are', () => {
    for (const status of ['verified', 'invalid', 'unverifiable', 'not-signed', 'not-checked'])
      expect(signatureLabel(status)).toBe(status);
  });
});
