// The exchange list's filters: free text, host, lesson step and finding status, with the count of rows they leave.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RowFilter } from '../view-models/exchange-rows.ts';
import { emit } from './events.ts';
import { filterBarStyles } from './oi-filter-bar.styles.ts';
import { baseStyles } from './styles.ts';

/** The finding filter's choices: value and label. */
const FINDING_FILTERS: [NonNullable<RowFilter['finding']> | '', string][] = [
  ['', 'any findings'],
  ['any', 'with findings'],
  ['fail', 'failed checks'],
  ['warn', 'warnings'],
  ['pass', 'all checks passed'],
];

/**
 * @fires oi-filter - the text, host or finding filter changed (detail: the whole new filter)
 * @fires oi-select-step - a step was picked in the step filter (a step is a selection, not a filter)
 */
@customElement('oi-filter-bar')
export class OiFilterBar extends LitElement {
  static override styles = [baseStyles, filterBarStyles];

  @property({ attribute: false }) filter: RowFilter = {};
  @property({ attribute: false }) hosts: readonly string[] = [];
  /** The lesson track's steps; no step filter without a track. */
  @property({ attribute: false }) steps: readonly { number: number; title: string }[] | undefined;
  @property({ type: Number }) stepNumber: number | undefined;
  @property({ type: Number }) listed = 0;
  @property({ type: Number }) total = 0;

  override connectedCallback() {
    super.connectedCallback();
    this.setAttribute('role', 'search');
  }

  private change(patch: RowFilter) {
    emit(this, 'oi-filter', { filter: { ...this.filter, ...patch } });
  }

  private renderSteps() {
    if (!this.steps) return nothing;
    return html`<select
      aria-label="Filter by step"
      data-testid="filter-step"
      @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        emit(this, 'oi-select-step', { number: v ? Number(v) : undefined });
      }}
    >
      <option value="" ?selected=${this.stepNumber === undefined}>all steps</option>
      ${this.steps.map((st) => html`<option value=${st.number} ?selected=${st.number === this.stepNumber}>${st.number}. ${st.title}</option>`)}
    </select>`;
  }

  override render() {
    const f = this.filter;
    return html` <input
        type="search"
        placeholder="Filter by text (URL, method, status, step)"
        aria-label="Filter exchanges by text"
        data-testid="filter-text"
        .value=${f.text ?? ''}
        @input=${(e: Event) => this.change({ text: (e.target as HTMLInputElement).value })}
      />
      <select
        aria-label="Filter by host"
        data-testid="filter-host"
        @change=${(e: Event) => this.change({ host: (e.target as HTMLSelectElement).value || undefined })}
      >
        <option value="" ?selected=${!f.host}>all hosts</option>
        ${this.hosts.map((h) => html`<option value=${h} ?selected=${h === f.host}>${h}</option>`)}
      </select>
      ${this.renderSteps()}
      <select
        aria-label="Filter by finding"
        data-testid="filter-finding"
        @change=${(e: Event) => this.change({ finding: ((e.target as HTMLSelectElement).value || undefined) as RowFilter['finding'] })}
      >
        ${FINDING_FILTERS.map(([value, label]) => html`<option value=${value} ?selected=${(f.finding ?? '') === value}>${label}</option>`)}
      </select>
      <span class="count" data-testid="row-count">${this.listed} of ${this.total}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-filter-bar': OiFilterBar;
  }
}
