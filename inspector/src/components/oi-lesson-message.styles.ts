// Styles of oi-lesson-message: the message as an article figure, highlighted fields and their notes.
import { css } from 'lit';

export const lessonMessageStyles = css`
  :host {
    display: block;
  }
  header {
    display: flex;
    gap: 0.6em;
    align-items: baseline;
    flex-wrap: wrap;
    padding-bottom: 0.4em;
    border-bottom: 1px solid var(--border);
  }
  .request-line {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  section {
    margin: 0.6em 0;
  }
  .field {
    display: grid;
    grid-template-columns: minmax(8em, 14em) 1fr;
    gap: 0.1em 0.8em;
    padding: 0.15em 0.4em;
    border-left: 3px solid transparent;
  }
  .field .value {
    overflow-wrap: anywhere;
  }
  .field.focus {
    background: var(--warn-bg);
    border-left-color: var(--warn);
    border-radius: 0 4px 4px 0;
    margin: 0.2em 0;
  }
  .field.focus .name {
    font-weight: 700;
    color: var(--fg);
  }
  .name {
    color: var(--key);
  }
  .attributes,
  .note {
    grid-column: 2;
  }
  .attributes {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
  }
  .attribute {
    background: var(--chip-bg);
    border-radius: 4px;
    padding: 0 0.3em;
  }
  .attribute.focus {
    outline: 2px solid var(--warn);
  }
  .note {
    margin: 0.1em 0 0.2em;
    font-size: 0.92em;
    display: flex;
    gap: 0.6em;
    flex-wrap: wrap;
    align-items: baseline;
  }
  .finding {
    font-size: 0.85em;
    padding: 0 0.5em;
    border-radius: 999px;
  }
  .finding.pass {
    color: var(--pass);
    border-color: var(--pass);
  }
  .finding.warn {
    color: var(--warn);
    border-color: var(--warn);
  }
  .finding.fail {
    color: var(--fail);
    border-color: var(--fail);
  }
  details {
    margin-top: 0.3em;
  }
  summary {
    cursor: pointer;
    font-size: 0.9em;
  }
`;
