// The page before any traffic: how to get some (live feed, a HAR file) and the bundled recordings to replay.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from './events.ts';
import { baseStyles } from './styles.ts';

/**
 * @fires oi-pick-file - "Open HAR file…" was pressed
 * @fires oi-open-recording - a bundled recording was chosen
 */
@customElement('oi-empty-state')
export class OiEmptyState extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin: 3em auto;
        max-width: 38em;
        text-align: center;
        line-height: 1.6;
        border: 2px dashed var(--border);
        border-radius: 12px;
        padding: 2em;
      }
      .recordings {
        list-style: none;
        padding: 0;
        text-align: left;
      }
      .recordings li {
        margin: 0.4em 0;
      }
      button.link {
        font-weight: 600;
      }
    `,
  ];

  /** True when the page is connected to a proxy's live feed. */
  @property({ type: Boolean }) live = false;
  @property({ attribute: false }) recordings: readonly { name: string; description: string }[] = [];

  private renderRecordings() {
    if (this.recordings.length === 0) return nothing;
    return html`<h3>Or replay a recording of the sample</h3>
      <ul class="recordings">
        ${this.recordings.map(
          (r) =>
            html`<li>
              <button
                class="link"
                data-testid="recording-link"
                data-recording=${r.name}
                @click=${() => emit(this, 'oi-open-recording', { name: r.name })}
              >
                ${r.name}
              </button>
              <span class="muted">${r.description}</span>
            </li>`,
        )}
      </ul>`;
  }

  override render() {
    return html` <h2>Nothing captured yet</h2>
      ${
        this.live
          ? html`<p>
              Sign in to the sample app while the proxy runs to watch the steps fill in live, or open a HAR file (from a
              recording, DevTools, Charles or Fiddler): use the button above or drop the file here.
            </p>`
          : html`<p data-testid="not-connected">
              This page is not connected to a proxy. To watch traffic live, open the Inspector URL that
              <code>npm start</code> (or <code>oauth-inspector proxy</code>) printed: it carries the access key for the
              live feed. Or open a HAR file (from a recording, DevTools, Charles or Fiddler): use the button above or
              drop the file here.
            </p>`
      }
      <button @click=${() => emit(this, 'oi-pick-file', {})}>Open HAR file…</button>
      ${this.renderRecordings()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-empty-state': OiEmptyState;
  }
}
