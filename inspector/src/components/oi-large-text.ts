// A large body shown plain and virtualized: only the rows in view are in the DOM, so megabytes open in well under a second.
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { visibleText } from '@oauth-inspector/core';
import { ViewportHeight } from '../controllers/viewport-height.ts';
import { rowWindow, textRows } from '../view-models/large-body.ts';
import { baseStyles } from './styles.ts';

const ROW_HEIGHT = 18;

@customElement('oi-large-text')
export class OiLargeText extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .viewport {
        position: relative;
        height: 60vh;
        overflow: auto;
        background: var(--code-bg);
        border: 1px solid var(--border-soft);
        border-radius: 6px;
      }
      .spacer {
        position: relative;
      }
      .row {
        position: absolute;
        left: 0;
        height: ${ROW_HEIGHT}px;
        line-height: ${ROW_HEIGHT}px;
        padding: 0 0.8em;
        white-space: pre;
      }
    `,
  ];

  @property() text = '';
  @property() label = 'Body';
  @state() private scrolled = 0;
  @query('.viewport') private viewport!: HTMLElement;
  private readonly viewportSize = new ViewportHeight(this, () => this.viewport);
  private rows: string[] = [];
  private rowsOf: string | undefined;

  override render() {
    if (this.rowsOf !== this.text) {
      this.rows = textRows(this.text);
      this.rowsOf = this.text;
    }
    const { start, end, top, height } = rowWindow(
      this.rows.length,
      this.scrolled,
      this.viewportSize.height,
      ROW_HEIGHT,
    );
    const slice = this.rows.slice(start, end);
    return html`<div
      class="viewport mono"
      role="document"
      tabindex="0"
      aria-label=${this.label}
      data-rows=${this.rows.length}
      @scroll=${() => (this.scrolled = this.viewport.scrollTop)}
    >
      <div class="spacer" style="height:${height}px">
        ${slice.map((row, i) => html`<div class="row" style="top:${top + i * ROW_HEIGHT}px">${visibleText(row, { multiline: true })}</div>`)}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-large-text': OiLargeText;
  }
}
