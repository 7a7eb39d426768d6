// Redacted exports analysed again: a removed signature or value is reported as redacted, never as altered or mismatched.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../har.ts';
import { importHar } from '../har-import.ts';
import { redactExchanges } from '../redaction/redact.ts';
import { isRedactedPlaceholder } from '../redaction/placeholders.ts';
import { codeFlowSession } from '../testing/oauth-session.ts';
import { analyze } from './analyze.ts';
import type { Analysis } from './types.ts';

async function happyPath(): Promise<Exchange[]> {
  const text = await readFile(new URL('../../../lessons/recordings/happy-path.har', import.meta.url), 'utf8');
  const imported = importHar(text);
  if (!imported.ok) throw new Error(imported.message);
  return imported.exchanges;
}

const SESSIONS: [string, () => Promise<Exchange[]>][] = [
  ['the code-flow session builder', () => codeFlowSession()],
  ['lessons/recordings/happy-path.har', happyPath],
];

const statuses = (a: Analysis, checkId: string) => a.findings.filter((f) => f.checkId === checkId).map((f) => f.status);

describe.each(SESSIONS)('%s, analysed before and after redaction', (_name, load) => {
  let original: Analysis;
  let redacted: Analysis;

  beforeAll(async () => {
    const exchanges = await load();
    original = await analyze(exchanges);
    redacted = await analyze(redactExchanges(exchanges).exchanges);
  });

  it('finds the same tokens in both', () => {
    expect(redacted.tokens.map((t) => t.kind)).toEqual(original.tokens.map((t) => t.kind));
  });

  it('verifies the original signatures (all but the altered token the API refuses)', () => {
    const jwts = original.tokens.filter((t) => t.format === 'jwt');
    expect(jwts.filter((t) => t.signature?.status === 'verified').length).toBe(jwts.length - 1);
    expect(statuses(original, 'jwt.signature')).toContain('pass');
  });

  it('reports every redacted signature as redacted, and jwt.signature as not applicable', () => {
    const jwts = redacted.tokens.filter((t) => t.format === 'jwt');
    expect(jwts.length).toBeGreaterThan(0);
    expect(jwts.map((t) => t.signature?.status)).toEqual(jwts.map(() => 'redacted'));
    for (const t of jwts) expect(t.signature?.detail).toMatch(/redacted in this file/);
    const findings = redacted.findings.filter((f) => f.checkId === 'jwt.signature');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.status).toBe('not-applicable');
      expect(f.message).toMatch(/redacted in this file/);
    }
  });

  it('has no finding saying a signature is invalid or altered', () => {
    for (const f of redacted.findings)
      expect(f.message).not.toMatch(
        /altered|does not verify|does not match key|signed by someone else|invalid signature/i,
      );
  });

  it('fails nothing that passed before: redacted values are not checkable, not mismatched', () => {
    const before = new Map(original.findings.map((f) => [f.id, f.status]));
    const newlyFailing = redacted.findings.filter((f) => f.status === 'fail' && before.get(f.id) !== 'fail');
    expect(newlyFailing.map((f) => `${f.id}: ${f.message}`)).toEqual([]);
  });

  it('says the PKCE verifier was redacted instead of judging it', () => {
    const pkce = redacted.findings.filter((f) => f.checkId === 'pkce.s256-matches');
    expect(pkce.length).toBeGreaterThan(0);
    for (const f of pkce) {
      expect(f.status).toBe('not-applicable');
      expect(f.message).toMatch(/redacted in this file/);
    }
  });
});

describe('at_hash over a redacted access token', () => {
  it('is not checkable rather than failing', async () => {
    const exchanges = await codeFlowSession();
    expect(statuses(await analyze(exchanges), 'id-token.at-hash')).toContain('pass');
    const atHash = (await analyze(redactExchanges(exchanges).exchanges)).findings.filter(
      (f) => f.checkId === 'id-token.at-hash',
    );
    expect(atHash.length).toBeGreaterThan(0);
    for (const f of atHash) {
      expect(f.status).toBe('not-applicable');
      expect(f.message).toMatch(/redacted in this file/);
    }
  });
});

describe('code reuse in a redacted file', () => {
  it('is still seen: one code keeps one placeholder', async () => {
    const exchanges = await codeFlowSession({ faults: ['code-reuse'] });
    expect(statuses(await analyze(exchanges), 'code.single-use')).toEqual(['fail']);
    const findings = (await analyze(redactExchanges(exchanges).exchanges)).findings.filter(
      (f) => f.checkId === 'code.single-use',
    );
    expect(findings.map((f) => f.status)).toEqual(['fail']);
    expect(findings[0]!.message).toMatch(/redacted in this file/);
  });
});

describe('isRedactedPlaceholder', () => {
  it('knows the placeholders redaction writes, and nothing else', () => {
    for (const value of ['REDACTED', 'REDACTED-signature-1', 'REDACTED-token-12', 'REDACTED-code-verifier-3'])
      expect(isRedactedPlaceholder(value)).toBe(true);
    for (const value of ['', 'redacted', 'REDACTED-', 'REDACTED-token', 'REDACTED-token-1x', 'xREDACTED-token-1'])
      expect(isRedactedPlaceholder(value)).toBe(false);
  });
});
