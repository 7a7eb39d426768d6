// The sequence diagram: lanes as vertical lines and each message as a numbered, clickable arrow (SVG from Lit svg templates).
import { LitElement, css, html, svg, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CSSResult } from 'lit';
import { visibleText as v } from '@oauth-inspector/core';
import { DIAGRAM_LIMIT, type Arrow, type DiagramView } from '../view-models/diagram.ts';
import { emit } from './events.ts';
import { cardStyles } from './card.styles.ts';
import { scrollPanelStyles } from './scroll-panel.styles.ts';
import { baseStyles } from './styles.ts';

const LANE_WIDTH = 190;
const ROW = 34;
const TOP = 64;
const GROUP_ROW = 22;

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
      .tools {
        display: flex;
        gap: 0.5em;
        padding: 0.5em 0.8em 0;
      }
      .group line {
        stroke: var(--border);
      }
      .group text {
        fill: var(--accent-text);
        font-size: 12px;
        font-weight: 600;
      }
      .arrow.nested line {
        stroke-width: 1.2;
        opacity: 0.8;
      }
    `,
  ];

  @property({ attribute: false }) view: DiagramView = { lanes: [], arrows: [], omitted: 0, background: 0 };
  @property() selectedId: string | undefined;
  /** Scripts, stylesheets, images and fonts no step is about: folded away unless asked for. */
  @state() private showStatic = false;

  /** Saves the diagram as a standalone SVG file, its colours resolved from the current theme. */
  private exportSvg = () => {
    const element = this.renderRoot.querySelector('svg');
    if (!element) return;
    const computed = getComputedStyle(this);
    const resolve = (text: string) =>
      text.replace(/var\((--[\w-]+)\)/g, (_, name: string) => computed.getPropertyValue(name).trim() || 'currentColor');
    const clone = element.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = OiDiagram.styles
      .flat()
      .map((s) => (s as CSSResult).cssText)
      .join('\n');
    clone.prepend(style);
    const text = resolve(new XMLSerializer().serializeToString(clone));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    link.download = 'oauth-inspector-sequence.svg';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 5000);
  };

  private x(lane: number): number {
    return LANE_WIDTH / 2 + lane * LANE_WIDTH;
  }

  /** One arrow (request or response) at height y, with its step's band above it when it opens a step. */
  private arrow(a: Arrow, y: number, band: number | undefined, width: number) {
    const x1 = this.x(a.from);
    const x2 = this.x(a.to);
    const self = a.from === a.to;
    const left = Math.min(x1, x2);
    // A request's label moves off its number badge, and is cut to what fits between the lanes it spans.
    const shift = a.kind === 'request' && !self ? (x2 >= x1 ? 12 : -12) : 0;
    const mid = self ? x1 + 60 : (x1 + x2) / 2 + shift;
    const room = self ? 40 : Math.max(12, Math.floor((Math.abs(x2 - x1) - (a.kind === 'request' ? 34 : 8)) / 6.4));
    const full = v(a.label);
    const cut = full.length > room ? `${full.slice(0, room - 1)}…` : full;
    const badge = a.number.length > 4 ? '…' : a.number;
    const classes = `arrow ${a.kind} ${a.status === 'error' ? 'error' : ''} ${a.exchangeId === this.selectedId ? 'selected' : ''} ${a.nested ? 'nested' : ''}`;
    const label = a.nested && a.kind === 'request' ? `↳ ${cut}` : cut;
    const heading =
      band === undefined
        ? nothing
        : svg`<g class="group" data-testid="diagram-step"><line x1="4" x2=${width - 4} y1=${band} y2=${band}></line><text x="8" y=${band + 14}>${a.group}</text></g>`;
    return svg`${heading}<g class=${classes} tabindex="0" role="button" data-testid="diagram-arrow" data-exchange-id=${a.exchangeId}
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
  }

  override render() {
    const { lanes, omitted, background } = this.view;
    if (this.view.arrows.length === 0) return html`<p class="empty">No messages to draw yet.</p>`;
    const folded = this.view.arrows.filter((a) => a.static).length / 2;
    const arrows = this.showStatic ? this.view.arrows : this.view.arrows.filter((a) => !a.static);
    const width = lanes.length * LANE_WIDTH;
    // Each step's first arrow gets a labelled band above it.
    let y = TOP;
    const rows = arrows.map((a) => {
      const band = a.group ? y + 4 : undefined;
      if (a.group) y += GROUP_ROW;
      y += ROW;
      return { a, y: y - ROW / 2, band };
    });
    const height = y + 20;
    return html`<div class="tools">
${
  folded
    ? html`<button data-testid="diagram-static" aria-pressed=${this.showStatic ? 'true' : 'false'} @click=${() => (this.showStatic = !this.showStatic)}>
          ${this.showStatic ? 'Fold' : 'Show'} ${folded} static asset${folded === 1 ? '' : 's'}
        </button>`
    : nothing
}
        <button data-testid="diagram-export" @click=${this.exportSvg}>Export SVG</button>
      </div>
      <svg
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
        ${rows.map(({ a, y, band }) => this.arrow(a, y, band, width))}
      </svg>
      ${omitted ? html`<p class="muted">${omitted} more exchanges are not drawn: the diagram shows the first ${DIAGRAM_LIMIT}; the exchange list has them all.</p>` : nothing}
      ${background ? html`<p class="muted" data-testid="diagram-background">${background} browser background request${background === 1 ? ' is' : 's are'} not drawn (updates, safe browsing, account checks); the exchange list has them under "browser background".</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-diagram': OiDiagram;
  }
}
