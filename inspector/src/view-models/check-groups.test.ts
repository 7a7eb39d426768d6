// The checks summary's groups: one per check id, worst status first, with counts and the exchanges covered.
import { describe, expect, it } from 'vitest';
import type { Finding } from '@oauth-inspector/core';
import { checkGroups, findingView, statusCounts } from './checks.ts';

function finding(checkId: string, status: Finding['status'], exchangeId: string): Finding {
  return {
    id: `${checkId}:${exchangeId}`,
    checkId: checkId as Finding['checkId'],
    status,
    severity: 'must',
    title: checkId,
    message: '',
    spec: [],
    evidence: [{ exchangeId, label: 'value' }],
  };
}

describe('check groups', () => {
  it('groups findings by check id, failures first, counting each status and the exchanges covered', () => {
    const views = [
      finding('jwt.signature', 'pass', 'a'),
      finding('jwt.signature', 'fail', 'b'),
      finding('jwt.signature', 'pass', 'a'),
      finding('state.echoed', 'pass', 'c'),
      finding('cookie.attributes', 'warn', 'd'),
    ].map((f) => findingView(f));
    const groups = checkGroups(views);
    expect(groups.map((g) => [g.checkId, g.worst])).toEqual([
      ['jwt.signature', 'fail'],
      ['cookie.attributes', 'warn'],
      ['state.echoed', 'pass'],
    ]);
    expect(groups[0]?.counts).toEqual({ pass: 2, warn: 0, fail: 1, 'not-applicable': 0 });
    expect(groups[0]?.exchangeIds).toEqual(['a', 'b']);
    expect(statusCounts(views)).toEqual({ pass: 3, warn: 1, fail: 1, 'not-applicable': 0 });
  });
});
