// Replay controls for instructors: first, previous, next, last, by exchange or by step, and timed playback at a speed.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit, type InspectorEvents } from './events.ts';
import { baseStyles } from './styles.ts';

type Move = InspectorEvents['oi-replay']['move'];

/**
 * @fires oi-replay - a replay control was pressed
 * @fires oi-speed - a playback speed was chosen
 */
@customElement('oi-replay-bar')
export class OiReplayBar extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        gap: 0.4em;
        align-items: center;
        flex-wrap: wrap;
      }
      .pos {
        font-variant-numeric: tabular-nums;
        min-width: 6em;
        text-align: center;
      }
      button.primary {
        background: var(--accent);
        color: var(--on-strong);
        border-color: var(--accent);
      }
    `,
  ];

  @property({ type: Number }) revealed: number | null = null;
  @property({ type: Number }) total = 0;
  @property({ type: Boolean }) playing = false;
  @property({ type: Number }) speed = 1;

  private button(move: Move, label: string, text: string, key: string) {
    return html`<button
      data-testid="replay-${move}"
      aria-label="${label} (${key})"
      title="${label} (${key})"
      @click=${() => emit(this, 'oi-replay', { move })}
    >
      ${text}
    </button>`;
  }

  override render() {
    if (this.revealed === null) {
      return html`<button
        data-testid="replay-start"
        @click=${() => emit(this, 'oi-replay', { move: 'start' })}
        ?disabled=${this.total === 0}
      >
        Replay from the start
      </button>`;
    }
    return html` <span role="group" aria-label="Replay">
        ${this.button('first', 'First', '|‹ first', 'Home')}
        ${this.button('prev-step', 'Previous step', '« step', 'Shift+←')}
        ${this.button('prev', 'Previous exchange', '‹', '←')}
        <span class="pos" data-testid="replay-position" aria-live="polite">${this.revealed} / ${this.total}</span>
        ${this.button('next', 'Next exchange', '›', '→')} ${this.button('next-step', 'Next step', 'step »', 'Shift+→')}
        ${this.button('last', 'Last', 'last ›|', 'End')}
      </span>
      <button
        class="primary"
        data-testid="replay-play"
        aria-label=${this.playing ? 'Pause (Space)' : 'Play with original timing (Space)'}
        @click=${() => emit(this, 'oi-replay', { move: this.playing ? 'pause' : 'play' })}
      >
        ${this.playing ? 'Pause' : 'Play'}
      </button>
      <label
        >speed
        <select
          aria-label="Playback speed"
          @change=${(e: Event) => emit(this, 'oi-speed', { speed: Number((e.target as HTMLSelectElement).value) })}
        >
          ${[0.5, 1, 2, 5, 10].map((s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`)}
        </select></label
      >
      ${this.button('all', 'Show everything and leave replay', 'Exit replay', 'Esc')}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-replay-bar': OiReplayBar;
  }
}
