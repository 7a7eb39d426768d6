// The colour theme: the stored choice or the system's preference, kept in localStorage and set on the host as data-theme.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const THEME_KEY = 'oauth-inspector.theme';

export type Theme = 'light' | 'dark';

export class ThemeController implements ReactiveController {
  theme: Theme = 'light';

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    const stored = localStorage.getItem(THEME_KEY);
    this.theme =
      stored === 'dark' || stored === 'light'
        ? stored
        : matchMedia('(prefers-color-scheme: dark)').matches
          ? 'dark'
          : 'light';
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    this.host.setAttribute('data-theme', this.theme);
  }

  set(theme: Theme): void {
    this.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
    this.host.requestUpdate();
  }
}
