// Lesson mode: one step at a time, its text beside its message(s), previous/next, what to do when it has not happened yet.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LessonStep } from '@oauth-inspector/lessons';
import { visibleText as v } from '@oauth-inspector/core';
import type { LessonMessage } from '../view-models/lesson-message.ts';
import type { LessonStepView, StepFindingView } from '../view-models/lesson-step.ts';
import type { Masker } from '../view-models/presenter-mask.ts';
import { emit } from './events.ts';
import { masked } from './masked.ts';
import { baseStyles } from './styles.ts';
import './oi-lesson.ts';
import './oi-lesson-message.ts';

/**
 * @fires oi-select-step - previous or next step
 * @fires oi-show-message - another of the step's messages
 * @fires oi-set-scenario - the learner asked the live sample to switch to the scenario this step needs
 */
@customElement('oi-lesson-mode')
export class OiLessonMode extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
        gap: 0.8em;
        min-height: 0;
        flex: 1;
      }
      .text,
      .message {
        background: var(--panel);
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 0.6em 1em;
        overflow: auto;
        min-height: 0;
      }
      oi-lesson {
        border: none;
        padding: 0;
      }
      .stepper {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.6em;
        padding-bottom: 0.4em;
        border-bottom: 1px solid var(--border);
      }
      .tabs {
        display: flex;
        gap: 0.3em;
        flex-wrap: wrap;
        margin-bottom: 0.5em;
      }
      .tabs [aria-selected='true'] {
        background: var(--selected);
        border-color: var(--accent);
        font-weight: 600;
      }
      .hint {
        background: var(--chip-bg);
        border-radius: 6px;
        padding: 0.6em 0.8em;
      }
      .chain {
        display: grid;
        grid-template-columns: minmax(10em, auto) 1fr;
        gap: 0.2em 0.8em;
        background: var(--code-bg);
        border-radius: 6px;
        padding: 0.5em 0.8em;
        margin: 0.4em 0 0.8em;
      }
      .chain code {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @property({ attribute: false }) lesson: LessonStep | undefined;
  @property({ attribute: false }) view: LessonStepView | undefined;
  @property({ attribute: false }) message: LessonMessage | undefined;
  @property() total = 0;
  @property({ attribute: false }) mask: Masker | undefined;
  /** The scenarios the live sample world can switch to (none for a file, a recording or another proxy). */
  @property({ attribute: false }) scenarios: readonly string[] = [];

  private stepper(view: LessonStepView) {
    const go = (number: number | undefined) => number !== undefined && emit(this, 'oi-select-step', { number });
    return html`<nav class="stepper" aria-label="Lesson steps">
      <button data-testid="lesson-prev" ?disabled=${view.prev === undefined} @click=${() => go(view.prev)}>
        ← Previous
      </button>
      <span data-testid="lesson-position">Step ${view.number} of ${this.total}</span>
      <button data-testid="lesson-next" ?disabled=${view.next === undefined} @click=${() => go(view.next)}>
        Next →
      </button>
    </nav>`;
  }

  private chain(f: StepFindingView) {
    return html`<section data-testid="lesson-computed" data-check-id=${f.checkId} data-status=${f.status}>
      <h4>${f.title} <span class="badge ${f.status}">${f.status}</span></h4>
      <div class="chain">
        ${f.chain.map((c) => html`<span>${c.label}</span><code>${masked(this, c.value, this.mask)}</code>`)}
      </div>
    </section>`;
  }

  private messages(view: LessonStepView) {
    if (view.hint)
      return html`<p class="hint" data-testid="lesson-hint">${view.hint}</p>
        ${
          view.scenario && this.scenarios.includes(view.scenario)
            ? html`<button data-testid="lesson-switch-scenario" @click=${() => emit(this, 'oi-set-scenario', { scenario: view.scenario! })}>
              Switch the sample to the ${view.scenario} scenario
            </button>`
            : nothing
        }`;
    // Seen, explained or any status the analyzer adds, with no message to show: the text stands alone.
    if (view.tabs.length === 0)
      return html`<p class="hint" data-testid="lesson-no-message">
        This step has no HTTP message of its own: it happens inside the browser or the server, as the text explains.
      </p>`;
    const selected = this.message?.id;
    return html`${
      view.readFrom !== undefined
        ? html`<p class="muted" data-testid="lesson-read-from">
            This step has no message of its own; it is read from the message(s) of step ${view.readFrom}.
          </p>`
        : nothing
    }
      ${view.findings.filter((f) => f.chain.length > 0).map((f) => this.chain(f))}
      ${
        view.tabs.length > 1
          ? html`<div class="tabs" role="tablist" aria-label="Messages of this step">
              ${view.tabs.map(
                (t) =>
                  html`<button
                    role="tab"
                    data-testid="lesson-message-tab"
                    aria-selected=${t.id === selected ? 'true' : 'false'}
                    @click=${() => emit(this, 'oi-show-message', { id: t.id })}
                  >
                    ${v(t.label)}
                  </button>`,
              )}
              ${view.moreMessages ? html`<span class="muted" data-testid="lesson-more">and ${view.moreMessages} more in the Exchanges view</span>` : nothing}
            </div>`
          : nothing
      }
      <oi-lesson-message .message=${this.message} .mask=${this.mask}></oi-lesson-message>`;
  }

  override render() {
    const view = this.view;
    if (!view) return nothing;
    return html`<div class="text" data-testid="lesson-mode" data-step=${view.number} data-status=${view.status}>
        ${this.stepper(view)}
        <oi-lesson .step=${this.lesson} .status=${view.status} .closable=${false}></oi-lesson>
      </div>
      <div class="message" aria-label="The message of step ${view.number}">${this.messages(view)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-lesson-mode': OiLessonMode;
  }
}
