// A JWT's header parameters or claims as a table: name, value with its copy button, the value as a date, and what it means.
import { css, html, nothing } from 'lit';
import { visibleText as v } from '@oauth-inspector/core';
import type { ClaimView } from '../view-models/tokens.ts';
import type { Masker } from '../view-models/presenter-mask.ts';
import { copyButton } from './masked.ts';

export function claimsTable(rows: readonly ClaimView[], mask: Masker | undefined) {
  return html`<table class="kv">
    <tbody>
      ${rows.map(
        (c) =>
          html`<tr data-testid="claim" data-claim=${v(c.name)}>
            <th class="mono">${v(c.name)}</th>
            <td class="value">
              ${v(c.value, { multiline: true })} ${copyButton(c.value, c.name, mask)}${c.time ? html`<div class="time">${c.time}</div>` : nothing}${c.meaning ? html`<div class="meaning">${c.meaning}</div>` : nothing}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The table's look: monospace values, dates in the accent colour, meanings muted. */
export const claimsTableStyles = css`
  .meaning {
    color: var(--muted);
    font-size: 0.88em;
  }
  .time {
    font-size: 0.88em;
    color: var(--accent-text);
  }
  td.value {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
`;
