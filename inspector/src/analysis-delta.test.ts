// Analysis deltas: what the worker sends and the page rebuilds must equal the analysis itself.
import { describe, expect, it } from 'vitest';
import type { Analysis, Finding } from '@oauth-inspector/core';
import { DeltaReceiver, DeltaSender } from './analysis-delta.ts';

const finding = (id: string, status: Finding['status']): Finding => ({
  id,
  checkId: 'state.echoed',
  status,
  severity: 'must',
  title: id,
  message: '',
  spec: [],
  evidence: [{ exchangeId: 'a', label: 'x' }],
});
const analysis = (findings: Finding[]): Analysis => ({
  labels: findings.map((f) => ({ exchangeId: f.id, recognizer: 'other', summary: '' })),
  steps: [],
  tokens: [],
  flows: [],
  links: [],
  findings,
});

describe('analysis deltas', () => {
  it('sends only added and changed findings, removes the gone ones, and rebuilds the same analysis', () => {
    const sender = new DeltaSender();
    const receiver = new DeltaReceiver();
    const first = analysis([finding('a', 'pass'), finding('b', 'warn')]);
    expect(receiver.apply(sender.next(first))).toEqual(first);
    const second = analysis([finding('a', 'pass'), finding('b', 'fail'), finding('c', 'pass')]);
    const delta = sender.next(second);
    expect(delta.findings.upsert.map((f) => f.id)).toEqual(['b', 'c']);
    expect(receiver.apply(delta)).toEqual(second);
    const third = analysis([finding('c', 'pass')]);
    const removal = sender.next(third);
    expect(removal.findings.remove).toEqual(['a', 'b']);
    expect(receiver.apply(removal)).toEqual(third);
    sender.reset();
    expect(receiver.apply(sender.next(first))).toEqual(first);
  });
});
