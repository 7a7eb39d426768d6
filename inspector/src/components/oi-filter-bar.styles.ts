// Styles of oi-filter-bar: one wrapping row of filter controls, hidden-host chips and the row count.
import { css } from 'lit';

export const filterBarStyles = css`
  :host {
    display: flex;
    gap: 0.5em;
    flex-wrap: wrap;
    align-items: center;
  }
  input[type='search'] {
    min-width: 16em;
    flex: 1;
    max-width: 28em;
  }
  select {
    max-width: 16em;
  }
  .toggle {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    white-space: nowrap;
  }
  .hidden-hosts {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.3em;
  }
  .chip {
    border-radius: 1em;
    padding: 0.1em 0.6em;
    font-size: 0.85em;
    text-decoration: line-through;
  }
  .count {
    color: var(--muted);
    font-size: 0.9em;
    white-space: nowrap;
  }
`;
