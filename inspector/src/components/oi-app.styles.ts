// Styles of the oi-app shell: the light and dark colour tokens every component reads, and the page layout.
import { css } from 'lit';

export const appStyles = css`
  :host {
    --bg: #f6f7f9;
    --panel: #ffffff;
    --fg: #1c2330;
    --muted: #5d6778;
    --border: #d5dae2;
    --border-soft: #e8ebf0;
    --accent: #2f5fd0;
    --accent-text: #2552b8;
    --on-strong: #ffffff;
    --hover: #f0f3f8;
    --selected: #e3ebfb;
    --chip-bg: #edf0f4;
    --button-bg: #ffffff;
    --button-hover: #eef1f6;
    --input-bg: #ffffff;
    --key: #36435a;
    --pass: #1d7a3e;
    --pass-bg: #dcf3e3;
    --warn: #8a5a00;
    --warn-bg: #fdf0d2;
    --fail: #b42318;
    --fail-bg: #fde4e1;
    --code-bg: #f4f6f9;
    --code-key: #7a3e9d;
    --code-string: #1d6b43;
    --code-number: #b35c00;
    --code-keyword: #2552b8;
    --jwt-header: #c2255c;
    --jwt-payload: #6f42c1;
    --jwt-signature: #1971c2;
    display: flex;
    flex-direction: column;
    height: 100vh;
    background: var(--bg);
    color: var(--fg);
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Noto Sans',
      'Helvetica Neue',
      Arial,
      sans-serif;
    font-size: 14px;
  }
  :host([data-theme='dark']) {
    --bg: #11151c;
    --panel: #181e27;
    --fg: #e3e8ef;
    --muted: #95a0b2;
    --border: #2d3644;
    --border-soft: #232b36;
    --accent: #6d9bff;
    --accent-text: #8fb2ff;
    --on-strong: #0d1117;
    --hover: #1f2733;
    --selected: #223354;
    --chip-bg: #252e3b;
    --button-bg: #1f2631;
    --button-hover: #283140;
    --input-bg: #121820;
    --key: #b7c3d6;
    --pass: #4cc57a;
    --pass-bg: #16331f;
    --warn: #e8b04a;
    --warn-bg: #3a2c0f;
    --fail: #ff7b72;
    --fail-bg: #3d1a18;
    --code-bg: #121820;
    --code-key: #d2a8ff;
    --code-string: #7ee2a8;
    --code-number: #ffb86b;
    --code-keyword: #8fb2ff;
    --jwt-header: #ff7aa8;
    --jwt-payload: #c6a4ff;
    --jwt-signature: #6cb6ff;
  }
  :host([presenter]) {
    font-size: 20px;
  }
  .banner {
    margin: 0.5em 1em 0;
    padding: 0.5em 0.8em;
    border-radius: 8px;
    display: flex;
    gap: 1em;
    align-items: center;
  }
  .banner.error {
    background: var(--fail-bg);
    color: var(--fail);
    border: 1px solid var(--fail);
  }
  .banner.notice {
    background: var(--warn-bg);
    color: var(--warn);
  }
  .banner span {
    flex: 1;
  }
  .replay {
    padding: 0.4em 1em;
    border-bottom: 1px solid var(--border);
    background: var(--panel);
  }
  main {
    flex: 1;
    display: grid;
    grid-template-columns: minmax(15em, 19em) 1fr;
    min-height: 0;
  }
  :host([presenter]) main {
    grid-template-columns: minmax(16em, 24em) 1fr;
  }
  aside {
    border-right: 1px solid var(--border);
    padding: 0.6em 0.8em;
    overflow: auto;
    min-height: 0;
  }
  .content {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    padding: 0.6em 1em;
    gap: 0.6em;
    overflow: auto;
  }
  nav[role='tablist'] {
    display: flex;
    gap: 0.3em;
  }
  nav [role='tab'] {
    border-radius: 6px 6px 0 0;
  }
  nav [role='tab'][aria-selected='true'] {
    background: var(--selected);
    border-color: var(--accent);
    font-weight: 600;
  }
  oi-lesson {
    max-height: 38vh;
    flex-shrink: 0;
  }
  .list-detail {
    display: grid;
    grid-template-rows: minmax(200px, 38vh) auto;
    gap: 0.6em;
    min-height: 0;
  }
  oi-exchange-list {
    min-height: 0;
  }
  oi-checks,
  oi-token-viewer,
  oi-diagram {
    flex: 1;
  }
  :host([dragging]) .content {
    outline: 3px dashed var(--accent);
    outline-offset: -6px;
  }
`;
