// Deep links (#step=9, #exchange=5) and the keyboard: selection that writes the address, links applied once analyzed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { exchangeNumber, findExchange } from '@oauth-inspector/core';
import type { ReplayMove } from '../components/events.ts';
import type { Selectors } from '../state/selectors.ts';
import { EMPTY_ANALYSIS, type InspectorState, type Store } from '../state/store.ts';
import { formatHash, parseHash, type DeepLink } from '../view-models/navigation.ts';
import type { ReplayController } from './replay-controller.ts';

/** What the keys need from the shell: presenter mode, which Escape leaves. */
export interface NavigationHost extends ReactiveControllerHost {
  presenter: boolean;
}

const REPLAY_KEYS = (shift: boolean): Record<string, ReplayMove> => ({
  ArrowRight: shift ? 'next-step' : 'next',
  n: 'next',
  ArrowLeft: shift ? 'prev-step' : 'prev',
  p: 'prev',
  Home: 'first',
  End: 'last',
  N: 'next-step',
  P: 'prev-step',
});

export class NavigationController implements ReactiveController {
  private pendingLink: DeepLink = parseHash(location.hash);
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: NavigationHost,
    private readonly store: Store,
    private readonly selectors: Selectors,
    private readonly replay: ReplayController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
    window.addEventListener('hashchange', this.onHash);
    let before = this.store.getState();
    this.unsubscribe = this.store.subscribe((next) => {
      const changed = next.analysis !== before.analysis || next.analysisComplete !== before.analysisComplete;
      before = next;
      // Links to a step wait for the analysis of everything loaded (not an early partial result).
      if (changed && next.analysisComplete) this.applyPendingLink();
    });
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
    window.removeEventListener('hashchange', this.onHash);
    this.unsubscribe?.();
  }

  private get s(): InspectorState {
    return this.store.getState();
  }

  /** Shows an exchange in the exchanges view (in replay, revealing up to it) and links to it. */
  selectExchange(id: string): void {
    const at = this.s.index.get(id);
    if (at !== undefined && this.s.revealed !== null && at >= this.s.revealed)
      this.store.dispatch({ type: 'replay-to', revealed: at + 1 });
    this.store.dispatch({ type: 'select-exchange', id });
    if (this.s.view !== 'exchanges') this.store.dispatch({ type: 'view', view: 'exchanges' });
    this.writeHash({ exchange: this.linkName(id) });
  }

  /** Selects a list row: only the selection and the address change. */
  selectRow(id: string): void {
    this.store.dispatch({ type: 'select-exchange', id });
    this.writeHash({ exchange: this.linkName(id) });
  }

  /** An exchange's name in the address: its number (`#exchange=5`, the `#5` of the list and the CLI). */
  private linkName(id: string): string {
    const at = this.s.index.get(id);
    const exchange = at === undefined ? undefined : this.s.exchanges[at];
    return exchange ? String(exchangeNumber(exchange)) : id;
  }

  /** Opens a step's lesson with its first exchange shown beside it, and links to it. */
  selectStep(number: number | undefined): void {
    this.store.dispatch({ type: 'select-step', number });
    const first =
      number === undefined
        ? undefined
        : this.selectors.shown(this.s).analysis.steps.find((st) => st.number === number)?.exchangeIds[0];
    if (first) this.store.dispatch({ type: 'select-exchange', id: first });
    this.writeHash(number === undefined ? {} : { step: number });
  }

  private writeHash(link: DeepLink): void {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${formatHash(link)}`);
  }

  private onHash = () => {
    this.pendingLink = parseHash(location.hash);
    if (this.pendingLink.view) this.store.dispatch({ type: 'view', view: this.pendingLink.view });
    this.applyPendingLink();
  };

  /** Applies #step= / #exchange= once the data it names is there (in replay, reveals through that step). */
  private applyPendingLink(): void {
    const link = this.pendingLink;
    if (link.step === undefined && link.exchange === undefined) return;
    if (link.exchange !== undefined) {
      // A number as the list shows it, or an `_id` as older links wrote it.
      const target = findExchange(this.s.exchanges, link.exchange);
      if (!target) return;
      this.selectExchange(target._id);
    }
    if (link.step !== undefined) {
      const s = this.s;
      const step = s.analysis.steps.find((st) => st.number === link.step);
      if (s.trackId !== undefined && !step && s.exchanges.length > 0 && s.analysis === EMPTY_ANALYSIS) return;
      if (step && s.revealed !== null) {
        const last = Math.max(-1, ...step.exchangeIds.map((id) => s.index.get(id) ?? -1));
        if (last + 1 > s.revealed) this.store.dispatch({ type: 'replay-to', revealed: last + 1 });
      }
      this.store.dispatch({ type: 'select-step', number: link.step });
    }
    this.pendingLink = {};
  }

  private onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (target && (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const replaying = this.s.revealed !== null;
    const key = event.key;
    if (key === 'Escape') {
      if (this.s.selectedStepNumber !== undefined) this.selectStep(undefined);
      else if (this.host.presenter) this.host.presenter = false;
      else if (replaying) this.replay.move('all');
      return;
    }
    if (!replaying) return;
    // Space on a focused button or link presses it; elsewhere it plays or pauses the replay.
    if (key === ' ' && target && (['BUTTON', 'A'].includes(target.tagName) || target.getAttribute('role') === 'button'))
      return;
    const move = key === ' ' ? (this.replay.playing ? 'pause' : 'play') : REPLAY_KEYS(event.shiftKey)[key];
    if (move) {
      event.preventDefault();
      this.replay.move(move);
    }
  };
}
