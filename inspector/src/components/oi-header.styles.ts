// Styles of oi-header: the title, the source and connection state, and the row of controls.
import { css } from 'lit';

export const headerStyles = css`
  :host {
    display: flex;
    align-items: center;
    gap: 0.6em;
    padding: 0.4em 1em;
    background: var(--panel);
    border-bottom: 1px solid var(--border);
    flex-wrap: wrap;
  }
  h1 {
    font-size: 1.1em;
    margin: 0 0.6em 0 0;
    white-space: nowrap;
  }
  .source {
    display: flex;
    gap: 0.5em;
    align-items: center;
    color: var(--muted);
    min-width: 0;
  }
  .spacer {
    flex: 1;
  }
  .conn {
    display: inline-flex;
    gap: 0.35em;
    align-items: center;
    font-size: 0.9em;
  }
  .conn::before {
    content: '';
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--muted);
  }
  .conn[data-state='open']::before {
    background: var(--pass);
  }
  .conn[data-state='reconnecting']::before,
  .conn[data-state='connecting']::before {
    background: var(--warn);
  }
  .conn[data-state='closed']::before {
    background: var(--fail);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  select {
    max-width: 14em;
  }
  .count {
    color: var(--muted);
    font-size: 0.9em;
    white-space: nowrap;
  }
  .small {
    font-size: 0.9em;
    white-space: nowrap;
  }
`;
