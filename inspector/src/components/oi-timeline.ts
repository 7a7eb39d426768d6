// The step timeline: every lesson step with its status (seen / explained / not yet seen / failed); choosing one opens its lesson.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TimelineStep } from '../view-models/timeline.ts';
import { emit } from './events.ts';
import { scrollPanelStyles } from './scroll-panel.styles.ts';
import { baseStyles } from './styles.ts';

const STATUS_TEXT = { seen: 'seen', 'not-seen': 'not yet seen', failed: 'failed', explained: 'explained' } as const;

/**
 * @fires oi-select-step - a step was chosen (again: undefined, to close it)
 */
@customElement('oi-timeline')
export class OiTimeline extends LitElement {
  static override styles = [
    baseStyles,
    scrollPanelStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        position: relative;
      }
      li {
        position: relative;
      }
      li:not(:last-child)::after {
        content: '';
        position: absolute;
        left: 1.05em;
        top: 2em;
        bottom: -0.2em;
        width: 2px;
        background: var(--border);
      }
      button {
        display: grid;
        grid-template-columns: 2.1em 1fr;
        gap: 0.5em;
        align-items: center;
        width: 100%;
        text-align: left;
        border: 1px solid transparent;
        background: none;
        padding: 0.25em 0.3em;
      }
      button[aria-current='step'] {
        background: var(--selected);
        border-color: var(--accent);
      }
      .dot {
        width: 1.8em;
        height: 1.8em;
        border-radius: 50%;
        display: grid;
        place-items: center;
        font-size: 0.85em;
        font-weight: 700;
        position: relative;
        z-index: 1;
        background: var(--panel);
        border: 2px solid var(--border);
        color: var(--muted);
      }
      [data-status='seen'] .dot {
        background: var(--pass);
        border-color: var(--pass);
        color: var(--on-strong);
      }
      [data-status='failed'] .dot {
        background: var(--fail);
        border-color: var(--fail);
        color: var(--on-strong);
      }
      .title {
        line-height: 1.25;
      }
      [data-status='not-seen'] .title {
        color: var(--muted);
      }
      .sub {
        font-size: 0.8em;
        color: var(--muted);
      }
      .summary {
        color: var(--muted);
        font-size: 0.9em;
        margin-bottom: 0.4em;
      }
    `,
  ];

  @property({ attribute: false }) steps: readonly TimelineStep[] = [];
  @property({ type: Number }) selected: number | undefined;
  @property() trackTitle = '';

  override render() {
    if (this.steps.length === 0) return html`<p class="empty">No lesson track loaded.</p>`;
    const seen = this.steps.filter((s) => s.status === 'seen').length;
    const failed = this.steps.filter((s) => s.status === 'failed').length;
    return html` <h2>${this.trackTitle}</h2>
      <div class="summary" data-testid="timeline-summary">
        ${seen} of ${this.steps.length} steps seen${failed ? `, ${failed} failed` : ''}
      </div>
      <ol aria-label="Lesson steps">
        ${this.steps.map(
          (s) =>
            html`<li>
              <button
                data-testid="timeline-step"
                data-step=${s.number}
                data-status=${s.status}
                aria-current=${this.selected === s.number ? 'step' : 'false'}
                aria-label="Step ${s.number}: ${s.title}, ${STATUS_TEXT[s.status]}"
                @click=${() => emit(this, 'oi-select-step', { number: this.selected === s.number ? undefined : s.number })}
              >
                <span class="dot" aria-hidden="true">${s.status === 'failed' ? '✗' : s.number}</span>
                <span
                  ><span class="title">${s.title}</span>
                  <div class="sub">
                    ${STATUS_TEXT[s.status]}${s.exchangeIds.length ? ` · ${s.exchangeIds.length} exchange${s.exchangeIds.length > 1 ? 's' : ''}` : s.status === 'explained' ? ' · no message of its own' : ''}
                  </div></span
                >
              </button>
            </li>`,
        )}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-timeline': OiTimeline;
  }
}
