// Replay of a recording: moves through the store's `revealed` cursor, and timed playback at the original pace.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReplayMove } from '../components/events.ts';
import type { Store } from '../state/store.ts';
import { playbackDelays } from '../view-models/navigation.ts';

/** No two exchanges appear closer together than this in playback, so each one can be seen. */
const MIN_STEP_MS = 120;

export class ReplayController implements ReactiveController {
  /** True while timed playback runs. */
  playing = false;
  /** Playback speed (2 = twice the original pace). */
  speed = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param stepStarts where each lesson step starts in the whole recording (for next / previous step).
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: Store,
    private readonly stepStarts: () => readonly number[],
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Carries out one replay control. */
  move(move: ReplayMove): void {
    if (move === 'play') return this.play();
    if (move === 'pause') return this.stop();
    if (move === 'start') {
      this.store.dispatch({ type: 'replay-to', revealed: 0 });
      return;
    }
    if (move === 'all') this.stop();
    this.store.dispatch({ type: 'replay', move, stepStarts: this.stepStarts() });
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    this.host.requestUpdate();
  }

  stop(): void {
    this.playing = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.host.requestUpdate();
  }

  private play(): void {
    const s = this.store.getState();
    if (s.revealed === null || s.revealed >= s.exchanges.length)
      this.store.dispatch({ type: 'replay-to', revealed: 0 });
    this.playing = true;
    this.host.requestUpdate();
    this.playNext();
  }

  private playNext(): void {
    const s = this.store.getState();
    const at = s.revealed ?? 0;
    if (!this.playing || at >= s.exchanges.length) {
      this.stop();
      return;
    }
    const current = s.exchanges[at];
    const previous = s.exchanges[at - 1];
    const delay =
      current && previous
        ? (playbackDelays([previous.startedDateTime, current.startedDateTime], this.speed)[1] ?? 0)
        : 0;
    this.timer = setTimeout(
      () => {
        this.store.dispatch({ type: 'replay', move: 'next' });
        this.playNext();
      },
      Math.max(delay, MIN_STEP_MS),
    );
  }
}
