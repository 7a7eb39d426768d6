// Host style shared by the components drawn as a card (exchange detail, lesson, diagram): panel background, border, rounded corners.
import { css } from 'lit';

export const cardStyles = css`
  :host {
    display: block;
    background: var(--panel);
    border: 1px solid var(--border);
    border-radius: 8px;
  }
`;
