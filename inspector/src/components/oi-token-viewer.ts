// The JWT viewer: header, claims and signature in distinct colours, explained claims, signature result and sightings.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { visibleText as v } from '@oauth-inspector/core';
import type { KeySetKey } from '@oauth-inspector/core';
import type { TokenView } from '../view-models/tokens.ts';
import { summaryLine, type TokenSummary } from '../view-models/token-lifeline.ts';
import type { Masker } from '../view-models/presenter-mask.ts';
import { emit } from './events.ts';
import { copyButton, masked } from './masked.ts';
import { claimsTable, claimsTableStyles } from './claims-table.ts';
import './oi-token-paste.ts';
import { tokenLifeline } from './token-lifeline.ts';
import { baseStyles } from './styles.ts';

/**
 * @fires oi-select-exchange - a sighting or the JWKS link names an exchange
 * @fires oi-select-token - another token was chosen in the list
 */
@customElement('oi-token-viewer')
export class OiTokenViewer extends LitElement {
  static override styles = [
    baseStyles,
    claimsTableStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(12em, 16em) 1fr;
        gap: 1em;
        min-height: 0;
      }
      nav {
        display: flex;
        flex-direction: column;
        gap: 0.3em;
        overflow: auto;
      }
      nav button {
        text-align: left;
        display: flex;
        flex-direction: column;
      }
      nav button[aria-current='true'] {
        border-color: var(--accent);
        background: var(--selected);
      }
      .viewer {
        background: var(--panel);
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 0.8em 1em;
        min-width: 0;
        overflow: auto;
      }
      .raw {
        font-family: ui-monospace, monospace;
        overflow-wrap: anywhere;
        background: var(--code-bg);
        padding: 0.6em;
        border-radius: 6px;
        line-height: 1.5;
      }
      .jwt-header {
        color: var(--jwt-header);
      }
      .jwt-payload {
        color: var(--jwt-payload);
      }
      .jwt-signature {
        color: var(--jwt-signature);
      }
      .dot {
        color: var(--muted);
      }
      .badge.redacted {
        background: var(--chip-bg);
        color: var(--muted);
      }
      h3.jwt-header,
      h3.jwt-payload,
      h3.jwt-signature {
        border-left: 4px solid currentColor;
        padding-left: 0.5em;
      }
      .cols {
        display: grid;
        grid-template-columns: 1fr;
        gap: 0.6em;
      }
      .paste {
        grid-column: 1 / -1;
        background: var(--panel);
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 0.4em 1em 0.8em;
      }
      .lifeline {
        margin: 0.2em 0 0.8em;
      }
      .lifeline figcaption {
        display: flex;
        gap: 0.8em;
        flex-wrap: wrap;
        font-size: 0.88em;
      }
      .dot-mark {
        display: inline-block;
        width: 0.7em;
        height: 0.7em;
        border-radius: 50%;
        margin-right: 0.3em;
      }
    `,
  ];

  @property({ attribute: false }) tokens: readonly TokenView[] = [];
  @property() selectedId: string | undefined;
  /** Presenter mode: secrets (a token's signature, an opaque token) masked until revealed. */
  @property({ attribute: false }) mask: Masker | undefined;
  /** Names, flows, times and lifelines that tell the tokens apart. */
  @property({ attribute: false }) summaries: ReadonlyMap<string, TokenSummary> = new Map();
  /** The session's captured keys, for verifying a pasted token. */
  @property({ attribute: false }) keys: readonly KeySetKey[] = [];

  private paste() {
    return html`<oi-token-paste class="paste" .keys=${this.keys}></oi-token-paste>`;
  }

  private row(t: TokenView, current: boolean) {
    const summary = this.summaries.get(t.id);
    return html`<button
      data-testid="token-item"
      aria-current=${current ? 'true' : 'false'}
      @click=${() => emit(this, 'oi-select-token', { id: t.id })}
    >
      <strong
        >${summary?.name ?? t.kind}
        ${summary ? html`<span class="badge ${summary.status}" data-testid="token-status">${summary.status}</span>` : nothing}</strong
      ><span class="muted" data-testid="token-row-summary"
        >${summary ? summaryLine(summary) : `${t.format} · seen ${t.sightings.length}×`}</span
      >
    </button>`;
  }

  override render() {
    if (this.tokens.length === 0) return html`<p class="empty">No tokens in the traffic shown.</p>${this.paste()}`;
    const token = this.tokens.find((t) => t.id === this.selectedId) ?? this.tokens[0]!;
    const summary = this.summaries.get(token.id);
    return html`${this.paste()}
      <nav aria-label="Tokens">${this.tokens.map((t) => this.row(t, t === token))}</nav>
      <div class="viewer" data-testid="jwt-viewer">
        <h2>
          ${summary?.name ?? token.kind}
          <span class="badge ${token.signature.status}" data-testid="signature-status">${token.signature.label}</span>
        </h2>
        ${summary ? html`<p class="muted" data-testid="token-summary">${summaryLine(summary)} · ${summary.status}</p>${tokenLifeline(summary)}` : nothing}
        <p>${copyButton(token.parts.join('.'), `the whole ${token.format === 'jwt' ? 'JWT' : 'token'}`, this.mask)}</p>
        <div class="raw" aria-label="Encoded token">
          ${
            token.format === 'jwt'
              ? html`<span class="jwt-header">${masked(this, token.parts[0] ?? '', this.mask)}</span><span class="dot">.</span
                  ><span class="jwt-payload">${masked(this, token.parts[1] ?? '', this.mask)}</span><span class="dot">.</span
                  ><span class="jwt-signature">${masked(this, token.parts[2] ?? '', this.mask)}</span>`
              : masked(this, token.parts[0] ?? '', this.mask)
          }
        </div>
        ${
          token.format === 'jwt'
            ? html` <h3 class="jwt-header">Header</h3>
                ${claimsTable(token.header, this.mask)}
                <h3 class="jwt-payload">Claims</h3>
                ${claimsTable(token.claims, this.mask)}`
            : nothing
        }
        <h3 class="jwt-signature">Signature</h3>
        <p>
          ${v(token.signature.detail)}
          ${token.signature.jwksExchangeId ? html` <button class="link" data-testid="jwks-link" @click=${() => emit(this, 'oi-select-exchange', { id: token.signature.jwksExchangeId! })}>Show the JWKS exchange</button>` : nothing}
        </p>
        <h3>Seen in</h3>
        <ul>
          ${token.sightings.map((s) => html`<li><button class="link mono" data-testid="sighting" @click=${() => emit(this, 'oi-select-exchange', { id: s.exchangeId })}>${v(s.label)}</button> <span class="muted mono">${v(s.location)}</span></li>`)}
        </ul>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-token-viewer': OiTokenViewer;
  }
}
