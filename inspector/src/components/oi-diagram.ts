// The sequence diagram: lanes as vertical lines and each message as a numbered, clickable arrow (SVG from Lit svg templates).
import { LitElement, css, html, svg, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { visibleText as v } from '@oauth-inspector/core';
import { DIAGRAM_LIMIT, type DiagramView } from '../view-models/diagram.ts';
import { emit } from './events.ts';
import { cardStyles } from './card.styles.ts';
import { scrollPanelStyles } from './scroll-panel.styles.ts';
import { baseStyles } from './styles.ts';

const LANE_WIDTH = 190;
const ROW = 34;
const TOP = 64;

/** A lane's host line, escaped and cut to fit its head box. */
function laneSubtitle(text: string): string {
  const shown = v(text);
  return shown.length > 28 ? `${shown.slice(0, 27)}…` : shown;
}

/**
 * @fires oi-select-exchange - an arrow was chosen (click, Enter or Space)
 */
@customElement('oi-diagram')
export class OiDiagram extends LitElement {
  static override styles = [
    baseStyles,
    scrollPanelStyles,
    cardStyles,
    css`
      svg {
        display: block;
        font-family: inherit;
      }
      .lane-title {
        font-weight: 700;
        fill: var(--fg);
        font-size: 14px;
      }
      .lane-sub {
        fill: var(--muted);
        font-size: 11px;
      }
      .lifeline {
        stroke: var(--border);
        stroke-width: 2;
        stroke-dasharray: 4 4;
      }
      .arrow {
        cursor: pointer;
      }
      .arrow line {
        stroke: var(--accent);
        stroke-width: 1.6;
      }
      .arrow.response line {
        stroke-dasharray: 5 4;
        stroke: var(--muted);
      }
      .arrow.error line {
        stroke: var(--fail);
      }
      .arrow text {
        fill: var(--fg);
        font-size: 12px;
      }
      .arrow .num {
        fill: var(--on-strong);
        font-size: 11px;
        font-weight: 700;
      }
      .arrow circle {
        fill: var(--accent);
      }
      .arrow.error circle {
        fill: var(--fail);
      }
      .arrow:hover text,
      .arrow:focus text {
        font-weight: 700;
      }
      .arrow:focus {
        outline: none;
      }
      .arrow:focus-visible rect.hit {
        stroke: var(--accent);
        stroke-width: 2;
      }
      .arrow.selected rect.hit {
        fill: var(--selected);
      }
      rect.hit {
        fill: transparent;
      }
      .head-bg {
        fill: var(--panel);
      }
      .head {
        fill: var(--chip-bg);
        stroke: var(--border);
      }
      p {
        margin: 0.5em 1em;
      }
    `,
  ];

  @property({ attribute: false }) view: DiagramView = { lanes: [], arrows: [], omitted: 0 };
  @property() selectedId: string | undefined;

  private x(lane: number): number {
    return LANE_WIDTH / 2 + lane * LANE_WIDTH;
  }

  override render() {
    const { lanes, arrows, omitted } = this.view;
    if (arrows.length === 0) return html`<p class="empty">No messages to draw yet.</p>`;
    const width = lanes.length * LANE_WIDTH;
    const height = TOP + arrows.length * ROW + 20;
    return html` <svg
        width=${width}
        height=${height}
        viewBox="0 0 ${width} ${height}"
        role="img"
        aria-label="Sequence diagram of ${arrows.length / 2} exchanges"
        data-testid="sequence-diagram"
      >
        <defs>
          <marker
            id="head"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="currentColor"></path>
          </marker>
        </defs>
        ${lanes.map(
          (lane, i) => svg`
          <line class="lifeline" x1=${this.x(i)} x2=${this.x(i)} y1=${TOP - 12} y2=${height}></line>
          <rect class="head" x=${this.x(i) - LANE_WIDTH / 2 + 8} y="6" width=${LANE_WIDTH - 16} height="44" rx="8"></rect>
          <text class="lane-title" x=${this.x(i)} y="25" text-anchor="middle">${lane.title}</text>
          <text class="lane-sub" x=${this.x(i)} y="41" text-anchor="middle">${laneSubtitle(lane.subtitle)}</text>`,
        )}
        ${arrows.map((a, i) => {
          const y = TOP + i * ROW + ROW / 2;
          const x1 = this.x(a.from);
          const x2 = this.x(a.to);
          const self = a.from === a.to;
          const left = Math.min(x1, x2);
          // A request's label moves off its number badge, and is cut to what fits between the lanes it spans.
          const shift = a.kind === 'request' && !self ? (x2 >= x1 ? 12 : -12) : 0;
          const mid = self ? x1 + 60 : (x1 + x2) / 2 + shift;
          const room = self
            ? 40
            : Math.max(12, Math.floor((Math.abs(x2 - x1) - (a.kind === 'request' ? 34 : 8)) / 6.4));
          const full = v(a.label);
          const label = full.length > room ? `${full.slice(0, room - 1)}…` : full;
          const badge = a.number.length > 4 ? '…' : a.number;
          const classes = `arrow ${a.kind} ${a.status === 'error' ? 'error' : ''} ${a.exchangeId === this.selectedId ? 'selected' : ''}`;
          return svg`<g class=${classes} tabindex="0" role="button" data-testid="diagram-arrow" data-exchange-id=${a.exchangeId}
              aria-label="${a.number} ${a.kind}: ${full}" style="color: ${a.status === 'error' ? 'var(--fail)' : a.kind === 'response' ? 'var(--muted)' : 'var(--accent)'}"
              @click=${() => emit(this, 'oi-select-exchange', { id: a.exchangeId })}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  emit(this, 'oi-select-exchange', { id: a.exchangeId });
                }
              }}>
            <rect class="hit" x=${self ? x1 - 10 : left - 10} y=${y - ROW / 2 + 1} width=${self ? 140 : Math.abs(x2 - x1) + 20} height=${ROW - 2} rx="4"></rect>
            ${
              self
                ? svg`<path d="M${x1},${y - 6} h40 v12 h-40" fill="none" stroke="currentColor" stroke-width="1.6" marker-end="url(#head)"></path>`
                : svg`<line x1=${x1} y1=${y + 6} x2=${x2} y2=${y + 6} marker-end="url(#head)"></line>`
            }
            ${
              a.kind === 'request'
                ? svg`<circle cx=${x1 + (x2 >= x1 ? 14 : -14)} cy=${y - 5} r=${badge.length > 2 ? 13 : badge.length > 1 ? 11 : 9}></circle>
              <text class="num" x=${x1 + (x2 >= x1 ? 14 : -14)} y=${y - 1.5} text-anchor="middle">${badge}</text>`
                : nothing
            }
            <text x=${mid} y=${y} text-anchor="middle">${label}</text>
          </g>`;
        })}
      </svg>
      ${omitted ? html`<p class="muted">${omitted} more exchanges are not drawn: the diagram shows the first ${DIAGRAM_LIMIT}; the exchange list has them all.</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-diagram': OiDiagram;
  }
}
