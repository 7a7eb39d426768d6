// Styles of oi-filter-bar: one wrapping row of filter controls and the row count.
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
  .count {
    color: var(--muted);
    font-size: 0.9em;
    white-space: nowrap;
  }
`;
