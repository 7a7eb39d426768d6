// The checks panel: each finding with status, explanation, spec links and its evidence side by side (PKCE chain, state, nonce).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { visibleText as v } from '@oauth-inspector/core';
import type { CheckStatus } from '@oauth-inspector/core';
import { safeHref, type FindingView } from '../view-models/checks.ts';
import { emit } from './events.ts';
import { scrollPanelStyles } from './scroll-panel.styles.ts';
import { baseStyles } from './styles.ts';

/**
 * @fires oi-select-exchange - an evidence link names the exchange where a value was seen
 * @fires oi-select-token - an evidence link opens its token in the viewer
 */
@customElement('oi-checks')
export class OiChecks extends LitElement {
  static override styles = [
    baseStyles,
    scrollPanelStyles,
    css`
      .bar {
        display: flex;
        gap: 0.8em;
        align-items: center;
        margin-bottom: 0.6em;
        flex-wrap: wrap;
      }
      article {
        background: var(--panel);
        border: 1px solid var(--border);
        border-left: 5px solid var(--muted);
        border-radius: 8px;
        padding: 0.6em 0.9em;
        margin-bottom: 0.7em;
      }
      article[data-status='pass'] {
        border-left-color: var(--pass);
      }
      article[data-status='warn'] {
        border-left-color: var(--warn);
      }
      article[data-status='fail'] {
        border-left-color: var(--fail);
      }
      header {
        display: flex;
        gap: 0.6em;
        align-items: baseline;
        flex-wrap: wrap;
      }
      .id {
        color: var(--muted);
        font-size: 0.85em;
      }
      .sides {
        display: grid;
        grid-template-columns: 1fr auto 1fr;
        gap: 0.5em;
        align-items: stretch;
        margin-top: 0.5em;
      }
      .side {
        background: var(--code-bg);
        border-radius: 6px;
        padding: 0.4em 0.6em;
        min-width: 0;
      }
      .side .value {
        font-family: ui-monospace, monospace;
        overflow-wrap: anywhere;
      }
      .rel {
        align-self: center;
        font-size: 1.4em;
        font-weight: 700;
      }
      .rel.eq {
        color: var(--pass);
      }
      .rel.ne {
        color: var(--fail);
      }
      .chain {
        display: flex;
        flex-direction: column;
        gap: 0.2em;
        margin-top: 0.5em;
      }
      .step {
        background: var(--code-bg);
        border-radius: 6px;
        padding: 0.3em 0.6em;
      }
      .step .label {
        font-size: 0.85em;
        color: var(--muted);
      }
      .step .value {
        font-family: ui-monospace, monospace;
        overflow-wrap: anywhere;
      }
      .arrow {
        color: var(--accent-text);
        padding-left: 1em;
        font-weight: 700;
      }
      .arrow.eq {
        color: var(--pass);
      }
      .arrow.ne {
        color: var(--fail);
      }
      .sides.plain {
        grid-template-columns: 1fr 1fr;
      }
      .spec a {
        color: var(--accent-text);
      }
    `,
  ];

  @property({ attribute: false }) findings: readonly FindingView[] = [];
  @state() private status: CheckStatus | 'all' = 'all';

  private sides(f: FindingView) {
    if (f.sides.length === 0) return nothing;
    if (f.sides.length === 2 && f.chain.length === 0) {
      const [a, b] = f.sides as [FindingView['sides'][0], FindingView['sides'][0]];
      const same = a.value !== '' && a.value === b.value;
      return html`<div class="sides" data-testid="evidence">
        ${this.side(a)}<span class="rel ${same ? 'eq' : 'ne'}" aria-label=${same ? 'equal' : 'different'}
          >${same ? '=' : '≠'}</span
        >${this.side(b)}
      </div>`;
    }
    return html`<h4>Evidence</h4>
      <div class="sides plain" data-testid="evidence">${f.sides.map((s) => this.side(s))}</div>`;
  }

  private side(s: FindingView['sides'][0]) {
    return html`<div class="side">
      <div class="muted">
        ${s.label}
        <button
          class="link"
          aria-label=${`Show the exchange where ${s.label} was seen`}
          @click=${() => emit(this, 'oi-select-exchange', { id: s.exchangeId })}
        >
          exchange</button
        >${s.tokenId ? html` <button class="link" data-testid="evidence-token" aria-label=${`Open ${s.label} in the token viewer`} @click=${() => emit(this, 'oi-select-token', { id: s.tokenId! })}>token</button>` : nothing}
      </div>
      <div class="value">
        ${v(s.value) || html`<span class="muted">${s.tokenId ? '(the whole token: open it in the viewer)' : '(absent)'}</span>`}
      </div>
      ${s.location ? html`<div class="muted mono">${v(s.location)}</div>` : nothing}
    </div>`;
  }

  private chain(f: FindingView) {
    if (f.chain.length === 0) return nothing;
    // Each link of the chain: ↓ for a computation, = or ≠ where a computed value is compared with a captured one.
    return html`<div class="chain" data-testid="computed-chain">
      ${f.chain.map((c, i) => {
        const before = f.chain[i - 1];
        const relation = !before
          ? ''
          : i === f.chain.length - 1 && f.chain.length > 2
            ? before.value === c.value
              ? '='
              : '≠'
            : '↓';
        return html`${relation ? html`<div class="arrow ${relation === '=' ? 'eq' : relation === '≠' ? 'ne' : ''}" aria-label=${relation === '=' ? 'equals' : relation === '≠' ? 'differs from' : 'gives'}>${relation}</div>` : nothing}
          <div class="step">
            <div class="label">${c.label}</div>
            <div class="value">${v(c.value)}</div>
          </div>`;
      })}
    </div>`;
  }

  override render() {
    const shown = this.findings.filter((f) => this.status === 'all' || f.status === this.status);
    const count = (s: CheckStatus) => this.findings.filter((f) => f.status === s).length;
    return html` <div class="bar">
        <label
          >Show
          <select
            aria-label="Filter findings by status"
            @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as CheckStatus | 'all')}
          >
            <option value="all">all (${this.findings.length})</option>
            <option value="fail">failed (${count('fail')})</option>
            <option value="warn">warnings (${count('warn')})</option>
            <option value="pass">passed (${count('pass')})</option>
            <option value="not-applicable">not applicable (${count('not-applicable')})</option>
          </select></label
        >
      </div>
      ${shown.length === 0 ? html`<p class="empty">No findings${this.findings.length ? ' with this status' : ' yet'}.</p>` : nothing}
      ${shown.map(
        (f) =>
          html`<article data-testid="finding" data-check-id=${f.checkId} data-status=${f.status}>
            <header>
              <span class="badge ${f.status}">${f.status}</span><strong>${f.title}</strong
              ><span class="id mono">${f.checkId} · ${f.severity}</span>
            </header>
            <p>${v(f.message, { multiline: true })}</p>
            ${this.chain(f)}${this.sides(f)}
            ${
              f.spec.length
                ? html`<p class="spec">
                    ${f.spec.map((s) => {
                      const href = safeHref(s.url);
                      return href
                        ? html`<a href=${href} target="_blank" rel="noreferrer noopener">${s.label}</a> `
                        : html`<span>${s.label}</span> `;
                    })}
                  </p>`
                : nothing
            }
          </article>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-checks': OiChecks;
  }
}
