// Host style shared by the panels that scroll inside their cell of the layout (checks, timeline): a block that may shrink.
import { css } from 'lit';

export const scrollPanelStyles = css`
  :host {
    display: block;
    overflow: auto;
    min-height: 0;
  }
`;
