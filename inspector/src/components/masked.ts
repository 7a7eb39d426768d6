// Captured text as presenter mode shows it: secrets as their mask label (the same for equal values), revealed on click.
import { html } from 'lit';
import { visibleText as v } from '@oauth-inspector/core';
import { isMasked, maskParts, type Masker } from '../view-models/presenter-mask.ts';
import { emit } from './events.ts';
import './oi-copy.ts';

/** Text with its secrets masked when a masker is given; each mask raises oi-reveal from `host` when clicked. */
export function masked(host: HTMLElement, text: string, masker: Masker | undefined) {
  if (!masker) return v(text);
  return maskParts(text, masker).map((part) =>
    typeof part === 'string'
      ? v(part)
      : html`<button
          class="mask"
          data-testid="masked"
          data-label=${part.label}
          title="A secret, masked for presenting: click to reveal every place it appears"
          @click=${() => emit(host, 'oi-reveal', { label: part.label })}
        >
          ••• ${part.label}
        </button>`,
  );
}

/** A copy button for the real value, disabled while presenter mode masks part of it. */
export function copyButton(text: string, label: string, masker: Masker | undefined) {
  return html`<oi-copy .value=${text} label=${label} ?masked=${isMasked(text, masker)}></oi-copy>`;
}
