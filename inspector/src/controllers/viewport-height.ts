// Keeps a scrolling element's height up to date (ResizeObserver), for components that render only the rows in view.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ViewportHeight implements ReactiveController {
  /** The element's client height in px (the fallback until it has been measured). */
  height: number;
  private observer: ResizeObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly element: () => HTMLElement | null | undefined,
    private readonly fallback = 600,
  ) {
    this.height = fallback;
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.observer) return;
    const element = this.element();
    if (!element) return;
    this.observer = new ResizeObserver(() => {
      const next = element.clientHeight || this.fallback;
      if (next === this.height) return;
      this.height = next;
      this.host.requestUpdate();
    });
    this.observer.observe(element);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
