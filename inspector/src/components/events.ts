// Typed events the components raise (bubbling, composed); the app shell and its controllers turn them into store actions.
import type { RowFilter } from '../view-models/exchange-rows.ts';

export type ReplayMove =
  'next' | 'prev' | 'first' | 'last' | 'all' | 'next-step' | 'prev-step' | 'play' | 'pause' | 'start';

export interface InspectorEvents {
  /** A row, arrow, sighting or link names an exchange to show. */
  'oi-select-exchange': { id: string };
  /** A lesson step chosen (undefined: none). */
  'oi-select-step': { number: number | undefined };
  /** Lesson mode: which of the step's messages to show beside its text. */
  'oi-show-message': { id: string };
  /** A finding to show in the checks view (from a highlighted field's note). */
  'oi-open-finding': { id: string };
  /** Presenter mode: reveal the secret with this mask label, wherever it appears. */
  'oi-reveal': { label: string };
  /** A token to open in the token viewer. */
  'oi-select-token': { id: string };
  /** A replay control pressed. */
  'oi-replay': { move: ReplayMove };
  /** A playback speed chosen. */
  'oi-speed': { speed: number };
  /** The exchange list's filters changed (the whole new filter). */
  'oi-filter': { filter: RowFilter };
  /** A HAR file chosen in the file picker. */
  'oi-open-file': { file: File };
  /** The user asks for the file picker (from a button outside the header). */
  'oi-pick-file': Record<string, never>;
  /** A bundled recording to replay. */
  'oi-open-recording': { name: string };
  /** A sample-world scenario to switch to. */
  'oi-set-scenario': { scenario: string };
  /** A lesson track to follow. */
  'oi-select-track': { id: string };
  /** Export the listed exchanges as HAR. */
  'oi-export': Record<string, never>;
  /** Export the whole session as one self-contained HTML file (a class file). */
  'oi-export-class': Record<string, never>;
  /** Redact secrets on export, or not. */
  'oi-redact': { redact: boolean };
  /** Switch the colour theme. */
  'oi-theme': { theme: 'light' | 'dark' };
  /** Presenter mode (large type) on or off. */
  'oi-presenter': { on: boolean };
  /** The session picker opened: list the journaled sessions again. */
  'oi-list-sessions': Record<string, never>;
  /** A journaled session to open read-only. */
  'oi-open-session': { id: string };
  /** Back to the live session from a journaled session or a file. */
  'oi-back-to-live': Record<string, never>;
}

export function emit<K extends keyof InspectorEvents>(from: HTMLElement, name: K, detail: InspectorEvents[K]): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

type InspectorEventMap = { [K in keyof InspectorEvents]: CustomEvent<InspectorEvents[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends InspectorEventMap {}
}
