// Renders a body as highlighted text: Prism tokens become text nodes inside spans (never HTML from captured data).
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { visibleText } from '@oauth-inspector/core';
import { tokenize, type BodyLanguage } from '../view-models/highlight.ts';
import { baseStyles } from './styles.ts';

@customElement('oi-code')
export class OiCode extends LitElement {
  static override styles = [
    baseStyles,
    css`
      pre {
        margin: 0;
        padding: 0.6em 0.8em;
        background: var(--code-bg);
        border: 1px solid var(--border-soft);
        border-radius: 6px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        max-height: 60vh;
        overflow: auto;
        line-height: 1.45;
      }
      .property,
      .name,
      .attr-name {
        color: var(--code-key);
      }
      .string,
      .attr-value {
        color: var(--code-string);
      }
      .number,
      .boolean,
      .null {
        color: var(--code-number);
      }
      .punctuation,
      .operator {
        color: var(--muted);
      }
      .tag,
      .keyword {
        color: var(--code-keyword);
      }
      .comment {
        color: var(--muted);
        font-style: italic;
      }
    `,
  ];

  @property() text = '';
  @property() language: BodyLanguage = 'plain';
  @property() label = 'Body';

  override render() {
    // CRLF reads as a line break; line breaks and tabs stay, every other control, bidi or zero-width character is an escape.
    const text = this.text.replace(/\r\n/g, '\n');
    const tokens = tokenize(text, this.language);
    const shown = (part: string) => visibleText(part, { multiline: true });
    return html`<pre aria-label=${this.label} tabindex="0">
${tokens.map((t) => (t.kind ? html`<span class=${t.kind}>${shown(t.text)}</span>` : shown(t.text)))}</pre>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-code': OiCode;
  }
}
