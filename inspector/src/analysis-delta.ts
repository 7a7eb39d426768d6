// Analysis results as deltas between worker and page: only findings and labels added, changed or gone since the last reply.
import type { Analysis, ExchangeLabel, Finding } from '@oauth-inspector/core';

/**
 * Findings and labels change little between two analyses of a growing session, so the worker sends only the ones
 * added or changed since its last reply (by id) and the ids gone; steps, tokens, flows and links are small and sent whole.
 */
export interface AnalysisDelta {
  /** True when the receiver must drop what it has (first reply of an epoch). */
  fresh: boolean;
  findings: { upsert: Finding[]; remove: string[] };
  labels: { upsert: ExchangeLabel[]; remove: string[] };
  steps: Analysis['steps'];
  tokens: Analysis['tokens'];
  flows: Analysis['flows'];
  links: Analysis['links'];
}

export function labelKey(label: ExchangeLabel): string {
  return `${label.exchangeId}\u0000${label.recognizer}`;
}

/** Keeps the receiving side of the deltas: findings and labels by key, in first-seen order. */
export class DeltaReceiver {
  private findings = new Map<string, Finding>();
  private labels = new Map<string, ExchangeLabel>();

  apply(delta: AnalysisDelta): Analysis {
    if (delta.fresh) {
      this.findings = new Map();
      this.labels = new Map();
    }
    for (const id of delta.findings.remove) this.findings.delete(id);
    for (const finding of delta.findings.upsert) this.findings.set(finding.id, finding);
    for (const key of delta.labels.remove) this.labels.delete(key);
    for (const label of delta.labels.upsert) this.labels.set(labelKey(label), label);
    return {
      labels: [...this.labels.values()],
      findings: [...this.findings.values()],
      steps: delta.steps,
      tokens: delta.tokens,
      flows: delta.flows,
      links: delta.links,
    };
  }
}

/** The sending side: remembers what it sent (as JSON text per id) and produces the next delta. */
export class DeltaSender {
  private findings = new Map<string, string>();
  private labels = new Map<string, string>();
  private fresh = true;

  reset(): void {
    this.findings = new Map();
    this.labels = new Map();
    this.fresh = true;
  }

  next(analysis: Analysis): AnalysisDelta {
    const diff = <T>(items: readonly T[], keyOf: (item: T) => string, previous: Map<string, string>) => {
      const seen = new Map<string, string>();
      const upsert: T[] = [];
      for (const item of items) {
        const key = keyOf(item);
        const text = JSON.stringify(item);
        seen.set(key, text);
        if (previous.get(key) !== text) upsert.push(item);
      }
      const remove = [...previous.keys()].filter((key) => !seen.has(key));
      return { upsert, remove, seen };
    };
    const findings = diff(analysis.findings, (f) => f.id, this.findings);
    const labels = diff(analysis.labels, labelKey, this.labels);
    this.findings = findings.seen;
    this.labels = labels.seen;
    const fresh = this.fresh;
    this.fresh = false;
    return {
      fresh,
      findings: { upsert: findings.upsert, remove: findings.remove },
      labels: { upsert: labels.upsert, remove: labels.remove },
      steps: analysis.steps,
      tokens: analysis.tokens,
      flows: analysis.flows,
      links: analysis.links,
    };
  }
}
