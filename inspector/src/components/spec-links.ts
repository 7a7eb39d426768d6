// Links to specification sections: an http(s) URL becomes a link opening in a new tab, anything else stays text.
import { html } from 'lit';
import { safeHref } from '../view-models/checks.ts';

export function specLink(spec: { label: string; url: string }) {
  const href = safeHref(spec.url);
  return href
    ? html`<a href=${href} target="_blank" rel="noreferrer noopener">${spec.label}</a> `
    : html`<span>${spec.label}</span> `;
}
