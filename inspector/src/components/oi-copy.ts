// A copy button for one value: copies the real text, says "Copied" for a moment (aria-live), and is disabled while the value is masked.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { copyText } from './clipboard.ts';

@customElement('oi-copy')
export class OiCopy extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
      vertical-align: middle;
    }
    button {
      font: inherit;
      font-size: 0.78em;
      padding: 0.05em 0.45em;
      border-radius: 4px;
      border: 1px solid var(--border, #999);
      background: var(--panel, transparent);
      color: inherit;
      cursor: pointer;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.5;
    }
    .said {
      font-size: 0.78em;
      color: var(--accent-text, inherit);
    }
  `;

  /** The text copied: always the captured value itself. */
  @property({ attribute: false }) value = '';
  /** What is copied, for the button's accessible name (`Copy client_secret`). */
  @property() label = 'value';
  /** Presenter mode: a masked value cannot be copied until it is revealed. */
  @property({ type: Boolean }) masked = false;
  @state() private said = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  private async copy() {
    const ok = await copyText(this.value);
    this.said = ok ? 'Copied' : 'Copy failed: select the text and press Ctrl+C';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.said = ''), 1500);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    return html`<button
        data-testid="copy"
        aria-label=${`Copy ${this.label}`}
        title=${this.masked ? 'Masked for presenting: reveal it to copy it' : `Copy ${this.label}`}
        ?disabled=${this.masked}
        @click=${this.copy}
      >
        Copy</button
      ><span class="said" role="status" aria-live="polite">${this.said}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-copy': OiCopy;
  }
}
