// Presenter masks on the bundled happy-path recording: every secret core's redaction finds is masked, equal values with one label.
import { describe, expect, it } from 'vitest';
import { formParams, importHar, paramValue, queryParams, headerValue } from '@oauth-inspector/core';
import happyPath from '../../../lessons/recordings/happy-path.har?raw';
import { maskParts, maskText, secretLabels } from './presenter-mask.ts';

const imported = importHar(happyPath);
if (!imported.ok) throw new Error(imported.message);
const exchanges = imported.exchanges;

describe('presenter masks', () => {
  const labels = secretLabels(exchanges);
  const tokenRequest = exchanges.find((e) => paramValue(formParams(e.request), 'grant_type') === 'authorization_code')!;
  const verifier = paramValue(formParams(tokenRequest.request), 'code_verifier')!;
  const code = paramValue(formParams(tokenRequest.request), 'code')!;

  it('labels the verifier and the code, and the code the same where it was issued and redeemed', () => {
    expect(labels.get(verifier)).toMatch(/^code-verifier-\d+$/);
    const issued = exchanges.find((e) => {
      const location = headerValue(e.response, 'location');
      return location ? paramValue(queryParams(location), 'code') === code : false;
    });
    expect(issued).toBeDefined();
    expect(labels.get(code)).toMatch(/^code-\d+$/);
    // The recording's password is stored redacted already: a placeholder is never masked again.
    expect([...labels.keys()].some((secret) => secret.startsWith('REDACTED'))).toBe(false);
  });

  it('masks each occurrence with its label unless revealed', () => {
    const masker = { labels, revealed: new Set<string>() };
    const text = `code=${code}&code_verifier=${verifier}`;
    expect(maskText(text, masker)).toBe(`code=‹${labels.get(code)}›&code_verifier=‹${labels.get(verifier)}›`);
    const revealed = { labels, revealed: new Set([labels.get(verifier)!]) };
    expect(maskText(text, revealed)).toContain(verifier);
    expect(maskParts(text, undefined)).toEqual([text]);
  });
});
