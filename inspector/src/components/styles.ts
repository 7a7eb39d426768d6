// Shared component styles: colour tokens come from CSS custom properties set by the app (light and dark themes).
import { css } from 'lit';

export const baseStyles = css`
  :host {
    color: var(--fg);
    font: inherit;
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    background: var(--button-bg);
    border: 1px solid var(--border);
    border-radius: 6px;
    padding: 0.25em 0.7em;
    cursor: pointer;
  }
  button:hover {
    background: var(--button-hover);
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 1px;
  }
  button.mask {
    font-family: inherit;
    font-size: inherit;
    padding: 0 0.35em;
    border-radius: 4px;
    background: var(--chip-bg);
    border: 1px dashed var(--muted);
    color: var(--muted);
  }
  button.link {
    background: none;
    border: none;
    padding: 0;
    color: var(--accent);
    text-decoration: underline;
    cursor: pointer;
    text-align: left;
  }
  select,
  input[type='search'],
  input[type='text'] {
    background: var(--input-bg);
    border: 1px solid var(--border);
    border-radius: 6px;
    padding: 0.25em 0.5em;
  }
  h2,
  h3,
  h4 {
    margin: 0.4em 0;
    font-weight: 600;
  }
  h2 {
    font-size: 1.1em;
  }
  h3 {
    font-size: 1em;
  }
  h4 {
    font-size: 0.9em;
    color: var(--muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .mono,
  code,
  pre {
    font-family: ui-monospace, 'SFMono-Regular', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .muted {
    color: var(--muted);
  }
  .badge {
    display: inline-block;
    border-radius: 999px;
    padding: 0 0.6em;
    font-size: 0.8em;
    line-height: 1.6;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.pass,
  .badge.seen,
  .badge.ok,
  .badge.verified {
    background: var(--pass-bg);
    color: var(--pass);
  }
  .badge.warn,
  .badge.redirect,
  .badge.unverifiable,
  .badge.not-checked {
    background: var(--warn-bg);
    color: var(--warn);
  }
  .badge.fail,
  .badge.failed,
  .badge.client-error,
  .badge.server-error,
  .badge.invalid {
    background: var(--fail-bg);
    color: var(--fail);
  }
  .badge.not-applicable,
  .badge.not-seen,
  .badge.pending,
  .badge.not-signed {
    background: var(--chip-bg);
    color: var(--muted);
  }
  table.kv {
    border-collapse: collapse;
    width: 100%;
    table-layout: fixed;
  }
  table.kv th,
  table.kv td {
    text-align: left;
    vertical-align: top;
    padding: 0.2em 0.5em;
    border-bottom: 1px solid var(--border-soft);
    overflow-wrap: anywhere;
  }
  table.kv th {
    width: 30%;
    font-weight: 600;
    color: var(--key);
  }
  .empty {
    color: var(--muted);
    padding: 1em;
  }
`;
