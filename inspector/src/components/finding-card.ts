// One finding drawn as a card: status, explanation, the computed chain, its evidence side by side, and spec links.
import { html, nothing } from 'lit';
import { visibleText as v } from '@oauth-inspector/core';
import type { FindingView } from '../view-models/checks.ts';
import { specLink } from './spec-links.ts';
import type { Masker } from '../view-models/presenter-mask.ts';
import { emit } from './events.ts';
import { masked } from './masked.ts';

function sides(host: HTMLElement, f: FindingView, mask: Masker | undefined) {
  if (f.sides.length === 0) return nothing;
  if (f.sides.length === 2 && f.chain.length === 0) {
    const [a, b] = f.sides as [FindingView['sides'][0], FindingView['sides'][0]];
    const same = a.value !== '' && a.value === b.value;
    return html`<div class="sides" data-testid="evidence">
      ${side(host, a, mask)}<span class="rel ${same ? 'eq' : 'ne'}" aria-label=${same ? 'equal' : 'different'}
        >${same ? '=' : '≠'}</span
      >${side(host, b, mask)}
    </div>`;
  }
  return html`<h4>Evidence</h4>
    <div class="sides plain" data-testid="evidence">${f.sides.map((s) => side(host, s, mask))}</div>`;
}

function side(host: HTMLElement, s: FindingView['sides'][0], mask: Masker | undefined) {
  return html`<div class="side">
    <div class="muted">
      ${s.label}
      <button
        class="link"
        aria-label=${`Show the exchange where ${s.label} was seen`}
        @click=${() => emit(host, 'oi-select-exchange', { id: s.exchangeId })}
      >
        exchange</button
      >${s.tokenId ? html` <button class="link" data-testid="evidence-token" aria-label=${`Open ${s.label} in the token viewer`} @click=${() => emit(host, 'oi-select-token', { id: s.tokenId! })}>token</button>` : nothing}
    </div>
    <div class="value">
      ${s.value ? masked(host, s.value, mask) : html`<span class="muted">${s.tokenId ? '(the whole token: open it in the viewer)' : '(absent)'}</span>`}
    </div>
    ${s.location ? html`<div class="muted mono">${v(s.location)}</div>` : nothing}
  </div>`;
}

function chain(host: HTMLElement, f: FindingView, mask: Masker | undefined) {
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
          <div class="value">${masked(host, c.value, mask)}</div>
        </div>`;
    })}
  </div>`;
}

/** The card of one finding; its links raise oi-select-exchange and oi-select-token from `host`. */
export function findingCard(host: HTMLElement, f: FindingView, mask?: Masker) {
  return html`<article data-testid="finding" data-finding-id=${f.id} data-check-id=${f.checkId} data-status=${f.status}>
            <header>
              <span class="badge ${f.status}">${f.status}</span><strong>${f.title}</strong
              ><span class="id mono">${f.checkId} · ${f.severity}</span>
            </header>
            <p>${v(f.message, { multiline: true })}</p>
            ${chain(host, f, mask)}${sides(host, f, mask)}
            ${
              f.spec.length
                ? html`<p class="spec">
                    ${f.spec.map(specLink)}
                  </p>`
                : nothing
            }
          </article>`;
}
