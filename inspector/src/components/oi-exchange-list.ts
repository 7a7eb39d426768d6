// The exchange list: a windowed (virtualized) listbox with fixed row height, so 10,000 rows scroll smoothly.
import { LitElement, css, html, nothing, unsafeCSS } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { visibleText as v } from '@oauth-inspector/core';
import type { ExchangeRow } from '../view-models/exchange-rows.ts';
import { visibleWindow } from '../view-models/exchange-rows.ts';
import { ViewportHeight } from '../controllers/viewport-height.ts';
import { emit } from './events.ts';
import { baseStyles } from './styles.ts';

const ROW_HEIGHT = 30;
const COLUMNS = '3.6em 4.2em minmax(7em, 12em) minmax(8em, 1fr) 4em 7em minmax(7em, 14em) 2em';

/** The badge of a row's worst finding (✗ fail, ! warn, ✓ pass), or nothing when no check applies. */
function findingBadge(row: ExchangeRow) {
  if (!row.finding) return '';
  const mark = row.finding === 'fail' ? '✗' : row.finding === 'warn' ? '!' : '✓';
  return html`<span
    class="badge ${row.finding}"
    title="${row.findingCount} finding(s), worst: ${row.finding}"
    data-testid="row-finding"
    >${mark}</span
  >`;
}

/**
 * @fires oi-select-exchange - a row was clicked or reached with the arrow keys
 */
@customElement('oi-exchange-list')
export class OiExchangeList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .viewport {
        flex: 1;
        overflow-y: auto;
        scrollbar-gutter: stable;
        position: relative;
        min-height: 120px;
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--panel);
      }
      .viewport:focus-visible {
        outline: 2px solid var(--accent);
      }
      .spacer {
        position: relative;
        width: 100%;
      }
      .row {
        position: absolute;
        left: 0;
        right: 0;
        height: ${ROW_HEIGHT}px;
        display: grid;
        align-items: center;
        gap: 0.5em;
        padding: 0 0.6em;
        grid-template-columns: ${unsafeCSS(COLUMNS)};
        border-bottom: 1px solid var(--border-soft);
        cursor: pointer;
        white-space: nowrap;
        font-size: 0.92em;
      }
      .row > span {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .row:hover {
        background: var(--hover);
      }
      .row[aria-selected='true'] {
        background: var(--selected);
      }
      .seq {
        color: var(--muted);
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .method {
        font-weight: 600;
      }
      .channel {
        color: var(--muted);
        font-size: 0.85em;
      }
      .step {
        color: var(--accent-text);
      }
      .head {
        display: grid;
        gap: 0.5em;
        padding: 0.15em 0.6em 0.3em;
        font-size: 0.92em;
        color: var(--muted);
        border: 1px solid transparent;
        grid-template-columns: ${unsafeCSS(COLUMNS)};
        scrollbar-gutter: stable;
        overflow: hidden;
      }
      .head span {
        font-size: 0.8em;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        overflow: hidden;
      }
      .head span:first-child {
        text-align: right;
      }
    `,
  ];

  @property({ attribute: false }) rows: readonly ExchangeRow[] = [];
  @property() selectedId: string | undefined;
  /** Keep the newest row in view while live traffic arrives (until the user scrolls up). */
  @property({ type: Boolean }) follow = false;
  /** What to say when there are no rows. */
  @property() emptyText = 'No exchanges.';
  @state() private listScrollTop = 0;
  @query('.viewport') private viewport!: HTMLElement;
  private readonly viewportSize = new ViewportHeight(this, () => this.viewport);
  private atBottom = true;

  private followFrame = 0;

  override updated(changed: Map<string, unknown>) {
    // Follow new rows at most once a frame, computing the bottom from the fixed row height (reading scrollHeight
    // here would force a layout on every update while traffic streams in).
    if (changed.has('rows') && this.follow && this.atBottom && !this.followFrame) {
      this.followFrame = requestAnimationFrame(() => {
        this.followFrame = 0;
        const bottom = this.rows.length * ROW_HEIGHT - this.viewportSize.height;
        if (bottom > 0) this.viewport.scrollTop = bottom;
      });
    }
    if (changed.has('selectedId') && this.selectedId) this.scrollToSelected();
  }

  private scrollToSelected() {
    const index = this.rows.findIndex((r) => r.id === this.selectedId);
    if (index < 0 || !this.viewport) return;
    const top = index * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight)
      this.viewport.scrollTop = top + ROW_HEIGHT - this.viewport.clientHeight;
  }

  private onScroll() {
    const v = this.viewport;
    this.listScrollTop = v.scrollTop;
    this.atBottom = v.scrollTop + this.viewportSize.height >= this.rows.length * ROW_HEIGHT - ROW_HEIGHT;
  }

  private onKey(event: KeyboardEvent) {
    if (this.rows.length === 0) return;
    const index = this.rows.findIndex((r) => r.id === this.selectedId);
    const page = Math.max(1, Math.floor(this.viewportSize.height / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -Infinity,
      End: Infinity,
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    const next = Math.max(
      0,
      Math.min(
        this.rows.length - 1,
        (index < 0 ? 0 : index) + (Number.isFinite(move) ? move : move > 0 ? this.rows.length : -this.rows.length),
      ),
    );
    const row = this.rows[next];
    if (row) emit(this, 'oi-select-exchange', { id: row.id });
  }

  override render() {
    const { start, end } = visibleWindow(this.rows.length, this.listScrollTop, this.viewportSize.height, ROW_HEIGHT);
    const slice = this.rows.slice(start, end);
    return html` <div class="head" aria-hidden="true">
        <span>#</span><span>Method</span><span>Host</span><span>Path</span><span>Status</span><span>Channel</span
        ><span>Step</span><span></span>
      </div>
      <div
        class="viewport"
        role="listbox"
        aria-label="Exchanges"
        tabindex="0"
        data-testid="exchange-list"
        aria-activedescendant=${this.selectedId ? `row-${this.selectedId}` : ''}
        @scroll=${this.onScroll}
        @keydown=${this.onKey}
      >
        ${this.rows.length === 0 ? html`<p class="empty">${this.emptyText}</p>` : ''}
        <div class="spacer" style="height:${this.rows.length * ROW_HEIGHT}px">
          ${slice.map(
            (row, i) =>
              html` <div
                class="row"
                role="option"
                id=${`row-${row.id}`}
                data-testid="exchange-row"
                data-exchange-id=${row.id}
                aria-selected=${row.id === this.selectedId ? 'true' : 'false'}
                style="top:${(start + i) * ROW_HEIGHT}px"
                @click=${() => emit(this, 'oi-select-exchange', { id: row.id })}
              >
                <span class="seq" data-testid="row-number">${row.label}</span>
                <span class="method">${v(row.method)}</span>
                <span title=${v(row.host)}>${v(row.host)}</span>
                <span class="mono" data-testid="row-path" title=${v(row.path)}>${v(row.path)}</span>
                <span
                  ><span class="badge ${row.statusClass}">${v(row.status)}</span>${
                    row.insecure
                      ? html` <span class="badge warn" data-testid="row-insecure" title=${row.insecure}>TLS!</span>`
                      : nothing
                  }</span
                >
                <span class="channel">${row.channel}</span>
                <span class="step" title=${v(row.step)}>${v(row.step)}</span>
                <span>${findingBadge(row)}</span>
              </div>`,
          )}
        </div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-exchange-list': OiExchangeList;
  }
}
