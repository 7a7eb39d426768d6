// The lesson text of one step (our own markdown, rendered with raw HTML escaped) with its spec links.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { LessonStep } from '@oauth-inspector/lessons';
import { renderMarkdown } from '../view-models/markdown.ts';
import { specLink } from './spec-links.ts';
import { emit } from './events.ts';
import { cardStyles } from './card.styles.ts';
import { baseStyles } from './styles.ts';

/**
 * @fires oi-select-step - the lesson was closed (number undefined)
 */
@customElement('oi-lesson')
export class OiLesson extends LitElement {
  static override styles = [
    baseStyles,
    cardStyles,
    css`
      :host {
        padding: 0.6em 1em;
        overflow: auto;
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 1em;
      }
      .body {
        line-height: 1.55;
        max-width: 75ch;
      }
      .body code {
        background: var(--code-bg);
        padding: 0 0.25em;
        border-radius: 3px;
      }
      .body pre {
        background: var(--code-bg);
        padding: 0.6em;
        border-radius: 6px;
        overflow: auto;
      }
      .body a,
      .specs a {
        color: var(--accent-text);
      }
      .specs {
        display: flex;
        gap: 0.8em;
        flex-wrap: wrap;
        font-size: 0.9em;
      }
    `,
  ];

  @property({ attribute: false }) step: LessonStep | undefined;
  @property() status = '';
  /** False in lesson mode, where the step is always open. */
  @property({ type: Boolean }) closable = true;

  override render() {
    const step = this.step;
    if (!step) return nothing;
    return html`<article data-testid="lesson" aria-label="Lesson for step ${step.number}">
      <header>
        <h2>Step ${step.number}. ${step.title} <span class="badge ${this.status}">${this.status}</span></h2>
        ${
          this.closable
            ? html`<button
                aria-label="Close the lesson"
                @click=${() => emit(this, 'oi-select-step', { number: undefined })}
              >
                Close
              </button>`
            : nothing
        }
      </header>
      <div class="body">${unsafeHTML(renderMarkdown(step.body))}</div>
      ${
        step.specs.length
          ? html`<div class="specs">
              <strong>Specs:</strong>${step.specs.map(specLink)}
            </div>`
          : nothing
      }
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-lesson': OiLesson;
  }
}
