// Styles of the checks panel: the summary counts, the groups by check id, and each finding's card with its evidence.
import { css } from 'lit';

export const checksStyles = css`
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
    `;

export const checkGroupStyles = css`
  .summary {
    display: flex;
    gap: 0.6em;
    flex-wrap: wrap;
    margin-bottom: 0.6em;
  }
  .count {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    min-width: 8em;
    padding: 0.4em 0.8em;
    border-left-width: 5px;
  }
  .count strong {
    font-size: 1.6em;
    line-height: 1.1;
  }
  .count.fail {
    border-left-color: var(--fail);
  }
  .count.warn {
    border-left-color: var(--warn);
  }
  .count.pass {
    border-left-color: var(--pass);
  }
  .count[aria-pressed='true'] {
    background: var(--selected);
    border-color: var(--accent);
  }
  details.group {
    background: var(--panel);
    border: 1px solid var(--border);
    border-radius: 8px;
    margin-bottom: 0.5em;
  }
  details.group > summary {
    display: flex;
    gap: 0.6em;
    align-items: baseline;
    flex-wrap: wrap;
    padding: 0.5em 0.8em;
    cursor: pointer;
  }
  details.group > .findings {
    padding: 0 0.8em 0.4em;
  }
  .covered {
    font-size: 0.85em;
  }
`;
