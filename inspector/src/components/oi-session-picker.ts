// The session picker: a button that opens the list of journaled sessions (name, start, exchanges, live) and the way back to live.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { visibleText, type JournaledSession } from '@oauth-inspector/core';
import { emit } from './events.ts';
import { baseStyles } from './styles.ts';

/** `2026-12-02 11:41:07 UTC` from an ISO time (the journal's, in UTC), or '' when there is none. */
function startText(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : '';
}

/**
 * @fires oi-list-sessions - the list opened (the shell fetches it again)
 * @fires oi-open-session - a journaled session was picked
 * @fires oi-back-to-live - "Back to live" was pressed
 */
@customElement('oi-session-picker')
export class OiSessionPicker extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        position: relative;
      }
      .panel {
        position: absolute;
        top: calc(100% + 0.3em);
        left: 0;
        z-index: 20;
        min-width: 24em;
        max-height: 60vh;
        overflow: auto;
        background: var(--panel);
        border: 1px solid var(--border);
        border-radius: 6px;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
        padding: 0.3em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li button {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0 1em;
        width: 100%;
        text-align: left;
        border: 0;
        background: none;
        padding: 0.35em 0.5em;
        border-radius: 4px;
      }
      li button:hover,
      li button[aria-current='true'] {
        background: var(--border-soft, rgb(0 0 0 / 0.06));
      }
      .name {
        font-weight: 600;
      }
      .meta {
        color: var(--muted);
        font-size: 0.85em;
        grid-column: 1 / -1;
      }
      .live {
        color: var(--pass);
        font-size: 0.85em;
        font-weight: 600;
      }
      .empty {
        color: var(--muted);
        padding: 0.4em 0.5em;
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) sessions: readonly JournaledSession[] = [];
  /** The journaled session shown now (its id), when one was opened from this picker. */
  @property() shownId: string | undefined;
  /** True while the page follows the live feed. */
  @property({ type: Boolean }) live = false;
  @state() private open = false;

  private toggle() {
    this.open = !this.open;
    if (this.open) emit(this, 'oi-list-sessions', {});
  }

  /** A press anywhere else closes the list. */
  private onOutside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('pointerdown', this.onOutside);
  }

  override disconnectedCallback() {
    window.removeEventListener('pointerdown', this.onOutside);
    super.disconnectedCallback();
  }

  private pick(session: JournaledSession) {
    this.open = false;
    emit(this, session.live ? 'oi-back-to-live' : 'oi-open-session', session.live ? {} : { id: session.id });
  }

  private row(s: JournaledSession) {
    const current = s.live ? this.live : s.id === this.shownId;
    return html`<li>
      <button data-testid="session-option" data-session-id=${s.id} aria-current=${current ? 'true' : 'false'} @click=${() => this.pick(s)}>
        <span class="name">${visibleText(s.name)}</span>
        ${s.live ? html`<span class="live">● live</span>` : html`<span></span>`}
        <span class="meta">started ${startText(s.startedDateTime)} · ${s.exchanges} exchange${s.exchanges === 1 ? '' : 's'} · ${visibleText(s.id)}</span>
      </button>
    </li>`;
  }

  override render() {
    return html`${
      this.live
        ? nothing
        : html`<button data-testid="back-to-live" @click=${() => emit(this, 'oi-back-to-live', {})}>Back to live</button>`
    }
      <button data-testid="session-picker-button" aria-expanded=${this.open ? 'true' : 'false'} aria-haspopup="true" @click=${this.toggle}>
        Sessions ▾
      </button>
      ${
        this.open
          ? html`<div
              class="panel"
              data-testid="session-picker"
              role="region"
              aria-label="Journaled sessions"
              @keydown=${(e: KeyboardEvent) => {
                if (e.key !== 'Escape') return;
                e.stopPropagation();
                this.open = false;
              }}
            >
              ${this.sessions.length ? html`<ul>${this.sessions.map((s) => this.row(s))}</ul>` : html`<p class="empty">No sessions journaled yet.</p>`}
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-session-picker': OiSessionPicker;
  }
}
