// "Decode a token from elsewhere": a pasted JWT (or Bearer line, or URL with id_token=…) decoded and checked with the session's captured keys.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { inspectPastedToken, visibleText as v, type KeySetKey } from '@oauth-inspector/core';
import { pastedTokenView, type PastedTokenView } from '../view-models/pasted-token.ts';
import { claimsTable, claimsTableStyles } from './claims-table.ts';
import { baseStyles } from './styles.ts';

@customElement('oi-token-paste')
export class OiTokenPaste extends LitElement {
  static override styles = [
    baseStyles,
    claimsTableStyles,
    css`
      :host {
        display: block;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        min-height: 4.5em;
        font-family: ui-monospace, monospace;
        font-size: 0.9em;
      }
      .verdict {
        margin: 0.5em 0;
      }
    `,
  ];

  /** Every key of every key set the session captured, with the URL it came from. */
  @property({ attribute: false }) keys: readonly KeySetKey[] = [];
  @state() private view: PastedTokenView | undefined;
  private text = '';
  private runs = 0;

  private async decode(text: string) {
    this.text = text;
    const run = ++this.runs;
    if (text.trim() === '') {
      this.view = undefined;
      return;
    }
    const result = await inspectPastedToken(text, this.keys, Date.now());
    if (run === this.runs) this.view = pastedTokenView(result, this.keys);
  }

  override updated(changed: Map<string, unknown>): void {
    // A key set captured after the paste can verify it now.
    if (changed.has('keys') && changed.get('keys') !== undefined && this.text) void this.decode(this.text);
  }

  private result(view: PastedTokenView) {
    if (view.problem) return html`<p class="error" data-testid="paste-problem">${v(view.problem)}</p>`;
    return html`<p class="verdict">
        <span class="badge ${view.status ?? ''}" data-testid="paste-verdict">${v(view.verdict ?? '')}</span>
        <span class="muted">read from ${v(view.source ?? '')}; not added to the session</span>
      </p>
      <h4 class="jwt-header">Header</h4>
      ${claimsTable(view.header, undefined)}
      <h4 class="jwt-payload">Claims</h4>
      ${claimsTable(view.claims, undefined)}`;
  }

  override render() {
    return html`<section aria-labelledby="paste-title" data-testid="token-paste">
      <h3 id="paste-title">Decode a token from elsewhere</h3>
      <textarea
        data-testid="paste-token"
        aria-label="A JWT, an Authorization: Bearer line, or a URL carrying id_token="
        placeholder="Paste a JWT, an Authorization: Bearer … line, or a URL with #id_token=…"
        spellcheck="false"
        @input=${(e: Event) => void this.decode((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.view ? this.result(this.view) : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-token-paste': OiTokenPaste;
  }
}
