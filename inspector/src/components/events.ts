// Typed events the components raise; the app turns them into store actions.
export interface InspectorEvents {
  'oi-select-exchange': { id: string };
  'oi-select-step': { number: number | undefined };
  'oi-select-token': { id: string };
  'oi-replay': { move: 'next' | 'prev' | 'first' | 'last' | 'all' | 'next-step' | 'prev-step' | 'play' | 'pause' | 'start' };
  'oi-speed': { speed: number };
}

export function emit<K extends keyof InspectorEvents>(from: HTMLElement, name: K, detail: InspectorEvents[K]): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'oi-select-exchange': CustomEvent<InspectorEvents['oi-select-exchange']>;
    'oi-select-step': CustomEvent<InspectorEvents['oi-select-step']>;
    'oi-select-token': CustomEvent<InspectorEvents['oi-select-token']>;
    'oi-replay': CustomEvent<InspectorEvents['oi-replay']>;
    'oi-speed': CustomEvent<InspectorEvents['oi-speed']>;
  }
}
