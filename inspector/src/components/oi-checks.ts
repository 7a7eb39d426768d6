// The checks panel: counts first, then findings grouped by check id (failures and warnings open, passes folded), filtered by step and status.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CheckStatus } from '@oauth-inspector/core';
import { checkGroups, statusCounts, type CheckGroup, type FindingView } from '../view-models/checks.ts';
import type { TimelineStep } from '../view-models/timeline.ts';
import type { Masker } from '../view-models/presenter-mask.ts';
import { findingCard } from './finding-card.ts';
import { checkGroupStyles, checksStyles } from './oi-checks.styles.ts';
import { scrollPanelStyles } from './scroll-panel.styles.ts';
import { baseStyles } from './styles.ts';

const STATUSES: { id: CheckStatus; title: string }[] = [
  { id: 'fail', title: 'failed' },
  { id: 'warn', title: 'warnings' },
  { id: 'pass', title: 'passed' },
  { id: 'not-applicable', title: 'not applicable' },
];

/**
 * @fires oi-select-exchange - an evidence link names the exchange where a value was seen
 * @fires oi-select-token - an evidence link opens its token in the viewer
 */
@customElement('oi-checks')
export class OiChecks extends LitElement {
  static override styles = [baseStyles, scrollPanelStyles, checksStyles, checkGroupStyles];

  @property({ attribute: false }) findings: readonly FindingView[] = [];
  /** The lesson's steps, for the step filter (each lists its findings). */
  @property({ attribute: false }) steps: readonly TimelineStep[] = [];
  /** `#N` by exchange id (the shared exchange id), to name the exchanges a check covered. */
  @property({ attribute: false }) labels: ReadonlyMap<string, string> = new Map();
  /** A finding to open and scroll to (from a highlighted field in lesson mode). */
  @property() focusId = '';
  /** Presenter mode: secrets masked until revealed. */
  @property({ attribute: false }) mask: Masker | undefined;
  @state() private status: CheckStatus | 'all' = 'all';
  @state() private step = '';

  override updated(changed: Map<string, unknown>) {
    if (changed.has('focusId') && this.focusId)
      this.renderRoot.querySelector(`[data-finding-id="${CSS.escape(this.focusId)}"]`)?.scrollIntoView();
  }

  private inStep(): readonly FindingView[] {
    const step = this.steps.find((st) => String(st.number) === this.step);
    if (!step) return this.findings;
    const ids = new Set(step.findingIds);
    return this.findings.filter((f) => ids.has(f.id));
  }

  private summary(counts: Record<CheckStatus, number>) {
    return html`<div class="summary" role="group" aria-label="Findings by status" data-testid="checks-summary">
      ${STATUSES.map(
        (s) =>
          html`<button
            class="count ${s.id}"
            data-testid="count-${s.id}"
            aria-pressed=${this.status === s.id ? 'true' : 'false'}
            @click=${() => (this.status = this.status === s.id ? 'all' : s.id)}
          >
            <strong>${counts[s.id]}</strong><span>${s.title}</span>
          </button>`,
      )}
    </div>`;
  }

  private filters() {
    return html`<div class="bar">
      <label
        >Step
        <select
          data-testid="checks-step"
          aria-label="Show the findings of one step"
          @change=${(e: Event) => (this.step = (e.target as HTMLSelectElement).value)}
        >
          <option value="">all steps</option>
          ${this.steps
            .filter((st) => st.findingIds.length > 0)
            .map(
              (st) =>
                html`<option value=${st.number} ?selected=${this.step === String(st.number)}>${st.number}. ${st.title}</option>`,
            )}
        </select></label
      >
      <label
        >Status
        <select
          data-testid="checks-status"
          aria-label="Filter findings by status"
          .value=${this.status}
          @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as CheckStatus | 'all')}
        >
          <option value="all">all</option>
          ${STATUSES.map((s) => html`<option value=${s.id}>${s.title}</option>`)}
        </select></label
      >
    </div>`;
  }

  private covered(group: CheckGroup) {
    const names = group.exchangeIds
      .map((id) => this.labels.get(id))
      .filter((label): label is string => label !== undefined)
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const shown = names.slice(0, 8);
    return `${group.exchangeIds.length} exchange${group.exchangeIds.length === 1 ? '' : 's'}${shown.length ? `: ${shown.join(', ')}${names.length > 8 ? ' …' : ''}` : ''}`;
  }

  private group(group: CheckGroup) {
    const open =
      group.worst === 'fail' ||
      group.worst === 'warn' ||
      this.status !== 'all' ||
      group.findings.some((f) => f.id === this.focusId);
    const total = group.findings.length;
    return html`<details class="group" data-testid="check-group" data-check-id=${group.checkId} data-status=${group.worst} ?open=${open}>
      <summary>
        <span class="badge ${group.worst}">${group.worst}</span><strong>${group.title}</strong>
        <span class="mono muted">${group.checkId}</span>
        <span data-testid="group-count">×${total}</span>
        ${STATUSES.filter((s) => group.counts[s.id] > 0 && group.counts[s.id] < total).map(
          (s) => html`<span class="badge ${s.id}">${group.counts[s.id]} ${s.title}</span>`,
        )}
        <span class="covered muted">${this.covered(group)}</span>
      </summary>
      <div class="findings">${group.findings.map((f) => findingCard(this, f, this.mask))}</div>
    </details>`;
  }

  override render() {
    const inStep = this.inStep();
    const shown = inStep.filter((f) => this.status === 'all' || f.status === this.status);
    return html`${this.summary(statusCounts(inStep))}${this.filters()}
    ${shown.length === 0 ? html`<p class="empty">No findings${this.findings.length ? ' with these filters' : ' yet'}.</p>` : nothing}
    ${checkGroups(shown).map((g) => this.group(g))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-checks': OiChecks;
  }
}
