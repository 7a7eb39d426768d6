// One exchange in detail: tabs for request, response, cookies and tokens, with highlighted bodies and copy as cURL.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { visibleText as v } from '@oauth-inspector/core';
import type { LinkHere, LinksHere } from '../state/selected-selectors.ts';
import type { ExchangeDetail, MessageView } from '../view-models/exchange-detail.ts';
import { isLargeBody, sizeLabel } from '../view-models/large-body.ts';
import { isMasked, maskText, type Masker } from '../view-models/presenter-mask.ts';
import { emit } from './events.ts';
import { masked } from './masked.ts';
import { cookiesTable, pairsTable } from './exchange-detail-tables.ts';
import { copyText } from './clipboard.ts';
import { cardStyles } from './card.styles.ts';
import { baseStyles } from './styles.ts';
import { tabButtons } from './tablist.ts';
import './oi-code.ts';
import './oi-large-text.ts';

export type DetailTab = 'request' | 'response' | 'cookies' | 'tokens' | 'curl';
const TABS: { id: DetailTab; title: string }[] = [
  { id: 'request', title: 'Request' },
  { id: 'response', title: 'Response' },
  { id: 'cookies', title: 'Cookies' },
  { id: 'tokens', title: 'Tokens' },
  { id: 'curl', title: 'cURL' },
];

export interface DetailToken {
  id: string;
  kind: string;
  location: string;
}
export interface DetailLabel {
  recognizer: string;
  summary: string;
}

/**
 * @fires oi-select-token - a token of this exchange is to be opened in the viewer
 */
@customElement('oi-exchange-detail')
export class OiExchangeDetail extends LitElement {
  static override styles = [
    baseStyles,
    cardStyles,
    css`
      :host {
        padding: 0.6em 0.9em;
        min-width: 0;
      }
      .title {
        display: flex;
        gap: 0.6em;
        align-items: baseline;
        flex-wrap: wrap;
      }
      .url {
        font-family: ui-monospace, monospace;
        overflow-wrap: anywhere;
      }
      [role='tablist'] {
        display: flex;
        gap: 0.2em;
        border-bottom: 1px solid var(--border);
        margin: 0.6em 0;
      }
      [role='tab'] {
        border: none;
        border-bottom: 2px solid transparent;
        border-radius: 0;
        background: none;
        padding: 0.35em 0.8em;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--accent);
        color: var(--accent-text);
        font-weight: 600;
      }
      section {
        margin-bottom: 0.8em;
      }
      .labels {
        display: flex;
        gap: 0.4em;
        flex-wrap: wrap;
        margin-top: 0.3em;
      }
      .chip {
        background: var(--chip-bg);
        border-radius: 4px;
        padding: 0 0.5em;
        font-size: 0.85em;
      }
      .error {
        color: var(--fail);
      }
      .large {
        display: flex;
        gap: 1em;
        align-items: center;
        padding: 0.5em 0.8em;
        border-radius: 6px;
        background: var(--warn-bg);
        color: var(--warn);
      }
      .large span {
        flex: 1;
      }
      .curl-row {
        display: flex;
        gap: 0.6em;
        align-items: center;
        margin-bottom: 0.5em;
      }
    `,
  ];

  @property({ attribute: false }) detail: ExchangeDetail | undefined;
  @property({ attribute: false }) tokens: readonly DetailToken[] = [];
  @property({ attribute: false }) labels: readonly DetailLabel[] = [];
  @property({ attribute: false }) links: LinksHere = { calls: [] };
  /** Presenter mode: secrets masked until revealed (bodies and cURL show the mask labels only). */
  @property({ attribute: false }) mask: Masker | undefined;
  @state() private tab: DetailTab = 'request';
  @state() private copied = false;
  @state() private shownLarge: ReadonlySet<string> = new Set();

  private body(message: MessageView, label: string) {
    const body = message.body;
    if (!body) return html`<p class="muted">No ${label.toLowerCase()}.</p>`;
    if (body.binary)
      return html`<p class="muted">Binary ${v(body.mimeType) || 'content'} (${body.size} bytes), not shown.</p>`;
    const large = isLargeBody(body.text);
    const heading = html`<h4>
      ${label} <span class="muted">${v(body.mimeType)}${body.truncated ? ' · truncated at capture' : ''}</span>
    </h4>`;
    if (large && !this.shownLarge.has(this.largeKey(label))) {
      return html`<section>
        ${heading}
        <div class="large" role="status" data-testid="large-body">
          <span
            >${label} is ${sizeLabel(body.size > 0 ? body.size : body.text.length)}: too large to show at once without
            freezing the page. Shown anyway, it appears plain, without highlighting.</span
          >
          <button
            data-testid="show-large-body"
            @click=${() => (this.shownLarge = new Set(this.shownLarge).add(this.largeKey(label)))}
          >
            Show anyway
          </button>
        </div>
      </section>`;
    }
    return html`<section>
      ${heading}${
        large
          ? html`<oi-large-text .text=${maskText(body.text, this.mask)} .label=${label}></oi-large-text>`
          : html`<oi-code .text=${maskText(body.text, this.mask)} .language=${body.language} .label=${label}></oi-code>`
      }
    </section>`;
  }

  /** Large bodies the user chose to see, per exchange and side (a newly selected exchange starts with none). */
  private largeKey(label: string): string {
    return `${this.detail?.id ?? ''}\u0000${label}`;
  }

  private async copyCurl() {
    if (!this.detail) return;
    this.copied = await copyText(this.detail.curl);
    if (this.copied) setTimeout(() => (this.copied = false), 1500);
  }

  /** Links to the JWT viewer for every token carried by this side of the exchange. */
  private tokenLinks(side: 'request' | 'response') {
    const here = this.tokens.filter((t) => t.location.startsWith(`${side}.`));
    if (here.length === 0) return nothing;
    return html`<p class="labels">
      Tokens here:
      ${here.map(
        (t) =>
          html`<button
            class="chip link"
            data-testid="open-token"
            title="Open in the token viewer"
            @click=${() => emit(this, 'oi-select-token', { id: t.id })}
          >
            ${t.kind} <span class="muted mono">(${v(t.location.slice(side.length + 1))})</span>
          </button>`,
      )}
    </p>`;
  }

  private tabBody(d: ExchangeDetail) {
    switch (this.tab) {
      case 'request':
        return html`${this.tokenLinks('request')}${pairsTable('Query parameters', d.query, this, this.mask)}${pairsTable('Form fields', d.form, this, this.mask)}${pairsTable('Headers', d.request.headers, this, this.mask)}${pairsTable(d.basic?.title ?? '', d.basic?.pairs ?? [], this, this.mask)}${this.body(d.request, 'Request body')}`;
      case 'response':
        return html`${d.error ? html`<p class="error">${v(d.error)}</p>` : nothing}${this.tokenLinks('response')}${pairsTable('Headers', d.response.headers, this, this.mask)}${this.body(d.response, 'Response body')}`;
      case 'cookies':
        return html`${cookiesTable('Sent by the browser (Cookie)', d.request.cookies, this, this.mask)}${cookiesTable('Set by the server (Set-Cookie)', d.response.cookies, this, this.mask)}`;
      case 'tokens':
        return this.tokens.length === 0
          ? html`<p class="muted">No tokens found in this exchange.</p>`
          : html`<ul>
              ${this.tokens.map((t) => html`<li><button class="link" data-testid="open-token" @click=${() => emit(this, 'oi-select-token', { id: t.id })}>${t.kind}</button> <span class="muted mono">${v(t.location)}</span></li>`)}
            </ul>`;
      case 'curl':
        return html`<div class="curl-row">
            <button
              data-testid="copy-curl"
              ?disabled=${isMasked(d.curl, this.mask)}
              title=${isMasked(d.curl, this.mask) ? 'Masked for presenting: reveal it to copy it' : 'Copy as cURL'}
              @click=${this.copyCurl}
            >
              Copy as cURL
            </button
            ><span class="muted" role="status">${this.copied ? 'Copied.' : ''}</span>
          </div>
          <oi-code .text=${maskText(d.curl, this.mask)} language="plain" label="cURL command"></oi-code>`;
    }
  }

  private onTabKey(event: KeyboardEvent) {
    const index = TABS.findIndex((t) => t.id === this.tab);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    event.stopPropagation();
    const next = TABS[(index + delta + TABS.length) % TABS.length];
    if (next) this.tab = next.id;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[role=tab][aria-selected=true]')?.focus(),
    );
  }

  /** The back-channel calls tied to this exchange (core's links), each a button that opens it. */
  private renderLinks() {
    const { servedBy, calls } = this.links;
    if (!servedBy && calls.length === 0) return nothing;
    const open = (l: LinkHere) =>
      html`<button class="chip link" data-testid="detail-link" title=${maskText(l.title, this.mask)} @click=${() => emit(this, 'oi-select-exchange', { id: l.id })}><span data-testid="detail-link-number">${l.label}</span> ${v(maskText(l.title, this.mask))}</button>`;
    return html`<p class="labels" data-testid="detail-links">
      ${servedBy ? html`Back-channel call made to answer ${open(servedBy)}` : nothing}
      ${calls.length ? html`To answer this, the server made ${calls.map(open)}` : nothing}
    </p>`;
  }

  override render() {
    const d = this.detail;
    if (!d) return html`<p class="empty">Select an exchange to see its request and response.</p>`;
    return html` <div class="title"><span class="muted" data-testid="detail-number">${d.label}</span><h2 class="url" data-testid="detail-title">${masked(this, d.title, this.mask)}</h2></div>
      <div class="muted">${v(d.statusLine)} · ${d.channel} · ${v(d.startedDateTime)}</div>
      ${this.labels.length ? html`<div class="labels">${this.labels.map((l) => html`<span class="chip" title=${v(l.summary)}>${l.recognizer}</span>`)}</div>` : nothing}
      ${this.renderLinks()}
      <div role="tablist" aria-label="Exchange detail" @keydown=${this.onTabKey}>
        ${tabButtons({
          tabs: TABS,
          selected: this.tab,
          testIdPrefix: 'detail-tab-',
          onSelect: (tab) => (this.tab = tab),
          label: (t) => `${t.title}${t.id === 'tokens' && this.tokens.length ? ` (${this.tokens.length})` : ''}`,
        })}
      </div>
      <div role="tabpanel" aria-label=${TABS.find((t) => t.id === this.tab)?.title ?? ''}>${this.tabBody(d)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-exchange-detail': OiExchangeDetail;
  }
}
