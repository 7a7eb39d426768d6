// Render helpers for the exchange detail's tabs: a titled table of name/value pairs (each with a copy button), and a titled table of cookies.
import { html, nothing } from 'lit';
import type { HarNameValue } from '@oauth-inspector/core';
import { visibleText as v } from '@oauth-inspector/core';
import type { CookieRow } from '../view-models/exchange-detail.ts';
import type { Masker } from '../view-models/presenter-mask.ts';
import { copyButton, masked } from './masked.ts';

/** Query parameters, form fields or headers; nothing at all when there are none. */
export function pairsTable(title: string, pairs: readonly HarNameValue[], host?: HTMLElement, mask?: Masker) {
  if (pairs.length === 0) return nothing;
  return html`<section>
    <h4>${title}</h4>
    <table class="kv">
      <tbody>
        ${pairs.map(
          (p) =>
            html`<tr>
              <th class="mono">${v(p.name)}</th>
              <td class="mono">${host ? masked(host, p.value, mask) : v(p.value)} ${copyButton(p.value, p.name, mask)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

/** Cookies sent or set, with their attributes as chips; says "None." when there are none. */
export function cookiesTable(title: string, rows: readonly CookieRow[], host?: HTMLElement, mask?: Masker) {
  return html`<section>
    <h4>${title}</h4>
    ${
      rows.length === 0
        ? html`<p class="muted">None.</p>`
        : html`<table class="kv">
            <thead>
              <tr>
                <th>Name</th>
                <td><strong>Value</strong></td>
                <td><strong>Attributes</strong></td>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (c) =>
                  html`<tr data-testid="cookie-row">
                    <th class="mono">${v(c.name)}</th>
                    <td class="mono">${host ? masked(host, c.value, mask) : v(c.value)} ${copyButton(c.value, c.name, mask)}</td>
                    <td>${c.attributes.map((a) => html`<span class="chip mono">${v(a)}</span> `)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
