// One message in lesson mode, laid out like the article: parameters, headers, cookies and claims, the fields the step talks about highlighted with their notes.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { visibleText as v } from '@oauth-inspector/core';
import type { FieldFocus, FieldRow, LessonMessage, MessageSection } from '../view-models/lesson-message.ts';
import type { Masker } from '../view-models/presenter-mask.ts';
import { emit } from './events.ts';
import { masked } from './masked.ts';
import { lessonMessageStyles } from './oi-lesson-message.styles.ts';
import { baseStyles } from './styles.ts';

/**
 * @fires oi-open-finding - the finding that checked a highlighted field is to be shown
 * @fires oi-select-token - a decoded token is to be opened in the token viewer
 */
@customElement('oi-lesson-message')
export class OiLessonMessage extends LitElement {
  static override styles = [baseStyles, lessonMessageStyles];

  @property({ attribute: false }) message: LessonMessage | undefined;
  /** Presenter mode: secrets masked until revealed. */
  @property({ attribute: false }) mask: Masker | undefined;

  private note(focus: FieldFocus) {
    const f = focus.finding;
    return html`<p class="note" data-testid="field-note">
      <span>${focus.note}</span>
      ${
        f
          ? html`<button
              class="finding ${f.status}"
              data-testid="field-finding"
              data-check-id=${f.checkId}
              data-status=${f.status}
              title=${f.title}
              @click=${() => emit(this, 'oi-open-finding', { id: f.id })}
            >
              ${f.checkId}: ${f.status}
            </button>`
          : nothing
      }
    </p>`;
  }

  private field(row: FieldRow) {
    return html`<div class="field ${row.focus ? 'focus' : ''}" data-testid="lesson-field" data-name=${row.name} ?data-focused=${!!row.focus}>
      <code class="name">${v(row.name)}</code>
      <code class="value">${masked(this, row.value, this.mask)}</code>
      ${
        row.attributes?.length
          ? html`<span class="attributes">
              ${row.attributes.map(
                (a) =>
                  html`<code class="attribute ${a.focus ? 'focus' : ''}" ?data-focused=${!!a.focus}
                    >${masked(this, a.text, this.mask)}</code
                  >`,
              )}
            </span>`
          : nothing
      }
      ${row.focus ? this.note(row.focus) : nothing}
    </div>`;
  }

  private section(section: MessageSection) {
    return html`<section data-testid="lesson-section" data-title=${section.title}>
      <h4>${section.title}</h4>
      ${section.rows.map((r) => this.field(r))}
      ${
        section.folded.length
          ? html`<details>
              <summary class="muted">${section.rows.length ? `${section.folded.length} more` : `${section.folded.length} headers`}, not part of this step</summary>
              ${section.folded.map((r) => this.field(r))}
            </details>`
          : nothing
      }
    </section>`;
  }

  override render() {
    const m = this.message;
    if (!m) return nothing;
    return html`<article data-testid="lesson-message" data-exchange-id=${m.id}>
      <header>
        <code class="request-line">${v(m.requestLine)}</code>
        <span class="badge">${m.statusLine}</span>
        <span class="muted">${m.channel}</span>
      </header>
      ${m.sections.map((s) => this.section(s))}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-lesson-message': OiLessonMessage;
  }
}
