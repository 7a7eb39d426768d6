// The exchange list's filters: free text (optionally in headers and bodies), host, hidden hosts, step, finding and OAuth only, with the count of rows they leave.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { BACKGROUND_HOST, type RowFilter } from '../view-models/exchange-rows.ts';
import { SEARCH_BODY_CAP_LABEL } from '../view-models/exchange-search.ts';
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

const hostLabel = (host: string) =>
  host === BACKGROUND_HOST ? 'browser background (updates, safe browsing, account checks)' : host;

/**
 * @fires oi-filter - the text, scope, host, hidden hosts, finding or OAuth-only filter changed (detail: the whole new filter)
 * @fires oi-select-step - a step was picked in the step filter (a step is a selection, not a filter)
 */
@customElement('oi-filter-bar')
export class OiFilterBar extends LitElement {
  static override styles = [baseStyles, filterBarStyles];

  @property({ attribute: false }) filter: RowFilter = {};
  /** Host entries, the browser background entry (BACKGROUND_HOST) last when there is one. */
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

  private hide(host: string) {
    const hidden = [...(this.filter.hiddenHosts ?? []), host];
    this.change({ hiddenHosts: hidden, ...(this.filter.host === host ? { host: undefined } : {}) });
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

  private renderText() {
    const f = this.filter;
    const everywhere = f.scope === 'everything';
    const placeholder = everywhere
      ? `Search URLs, headers and bodies (first ${SEARCH_BODY_CAP_LABEL} of each body)`
      : 'Filter by text (URL, method, status, step)';
    return html`<input
        type="search"
        placeholder=${placeholder}
        title=${placeholder}
        aria-label="Filter exchanges by text"
        data-testid="filter-text"
        .value=${f.text ?? ''}
        @input=${(e: Event) => this.change({ text: (e.target as HTMLInputElement).value })}
      />
      <select
        aria-label="Where the text is looked for"
        data-testid="filter-scope"
        @change=${(e: Event) => this.change({ scope: (e.target as HTMLSelectElement).value === 'everything' ? 'everything' : undefined })}
      >
        <option value="" ?selected=${!everywhere}>in URL, method, status, step</option>
        <option value="everything" ?selected=${everywhere}>also in headers and bodies</option>
      </select>`;
  }

  private renderHosts() {
    const f = this.filter;
    const hidden = new Set(f.hiddenHosts ?? []);
    const visible = this.hosts.filter((h) => !hidden.has(h));
    return html`<select
        aria-label="Filter by host"
        data-testid="filter-host"
        @change=${(e: Event) => this.change({ host: (e.target as HTMLSelectElement).value || undefined })}
      >
        <option value="" ?selected=${!f.host}>all hosts</option>
        ${visible.map((h) => html`<option value=${h} ?selected=${h === f.host}>${hostLabel(h)}</option>`)}
      </select>
      <select
        aria-label="Hide a host"
        data-testid="filter-hide-host"
        ?disabled=${visible.length === 0}
        @change=${(e: Event) => {
          const select = e.target as HTMLSelectElement;
          if (select.value) this.hide(select.value);
          select.value = '';
        }}
      >
        <option value="" selected>hide a host…</option>
        ${visible.map((h) => html`<option value=${h}>${hostLabel(h)}</option>`)}
      </select>`;
  }

  private renderHidden() {
    const hidden = this.filter.hiddenHosts ?? [];
    if (hidden.length === 0) return nothing;
    return html`<span class="hidden-hosts" aria-label="Hidden hosts">
      <span class="muted">hidden:</span>
      ${hidden.map(
        (h) =>
          html`<button class="chip" data-testid="hidden-host" data-host=${h} title="Show ${hostLabel(h)} again" aria-label="Show ${hostLabel(h)} again" @click=${() => this.change({ hiddenHosts: hidden.filter((x) => x !== h) })}>
            ${h} <span aria-hidden="true">×</span>
          </button>`,
      )}
    </span>`;
  }

  override render() {
    const f = this.filter;
    return html`${this.renderText()} ${this.renderHosts()} ${this.renderSteps()}
      <select
        aria-label="Filter by finding"
        data-testid="filter-finding"
        @change=${(e: Event) => this.change({ finding: ((e.target as HTMLSelectElement).value || undefined) as RowFilter['finding'] })}
      >
        ${FINDING_FILTERS.map(([value, label]) => html`<option value=${value} ?selected=${(f.finding ?? '') === value}>${label}</option>`)}
      </select>
      <label class="toggle" title="Protocol exchanges and the redirects and pages that led to them; no assets, no browser background">
        <input
          type="checkbox"
          data-testid="filter-oauth"
          .checked=${Boolean(f.oauthOnly)}
          @change=${(e: Event) => this.change({ oauthOnly: (e.target as HTMLInputElement).checked || undefined })}
        />
        OAuth only
      </label>
      ${this.renderHidden()}
      <span class="count" data-testid="row-count">${this.listed} of ${this.total}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-filter-bar': OiFilterBar;
  }
}
