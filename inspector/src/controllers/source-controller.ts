// Where the traffic comes from: the live feed, ?recording= / ?har= addresses, bundled recordings, the file picker and drops.
import { embeddedRecording } from '../class-file.ts';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { visibleText, type JournaledSession } from '@oauth-inspector/core';
import { importHar } from '../engine.ts';
import { connectFeed, feedUrl, type LiveFeed } from '../live-feed.ts';
import type { Store } from '../state/store.ts';
import { recordingList, recordingUrl, sameOriginUrl } from '../view-models/navigation.ts';
import type { AnalysisController } from './analysis-controller.ts';
import { sessionFetch, setSessionParam, tooLargeToOpen, TOKEN_KEY } from './session-source.ts';

export interface Recording {
  name: string;
  description: string;
}

export class SourceController implements ReactiveController {
  /** Bundled recordings the server offers (none when the app is served without the inspector server). */
  recordings: readonly Recording[] = [];
  /** The sessions the proxy journaled, newest first (none without the inspector server and its token). */
  sessions: readonly JournaledSession[] = [];
  /** The journaled session shown now, when one was opened with openSession. */
  shownSessionId: string | undefined;
  private feed: LiveFeed | undefined;
  /** Counts the user's source picks, so a slow session download cannot replace what was picked after it. */
  private pick = 0;

  /**
   * @param beforeOpen called before a file replaces what is shown (the shell stops a running replay).
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly store: Store,
    private readonly analysis: AnalysisController,
    private readonly beforeOpen: () => void,
  ) {
    host.addController(this);
  }

  /** True while the page is connected (or connecting) to a proxy's live feed. */
  get live(): boolean {
    return this.feed !== undefined;
  }

  hostConnected(): void {
    window.addEventListener('dragover', this.onDragOver);
    window.addEventListener('dragleave', this.onDragLeave);
    window.addEventListener('drop', this.onDrop);
    this.host.addEventListener('oi-list-sessions', this.onListSessions);
    this.host.addEventListener('oi-open-session', this.onOpenSession);
    this.host.addEventListener('oi-back-to-live', this.onBackToLive);
    this.host.addEventListener('oi-set-scenario', this.onSetScenario);
    void this.openInitialSource().then(() => this.loadSessionList());
    void this.loadRecordingList();
  }

  hostDisconnected(): void {
    window.removeEventListener('dragover', this.onDragOver);
    window.removeEventListener('dragleave', this.onDragLeave);
    window.removeEventListener('drop', this.onDrop);
    this.host.removeEventListener('oi-list-sessions', this.onListSessions);
    this.host.removeEventListener('oi-open-session', this.onOpenSession);
    this.host.removeEventListener('oi-back-to-live', this.onBackToLive);
    this.host.removeEventListener('oi-set-scenario', this.onSetScenario);
    this.feed?.close();
  }

  /**
   * What the header's session picker shows; undefined (no picker) unless the page was served by the proxy's
   * inspector server and holds its token: a file, a class file or a static server has no sessions to list.
   */
  get sessionPicker(): { sessions: readonly JournaledSession[]; shownId: string | undefined } | undefined {
    if (!location.protocol.startsWith('http') || sessionStorage.getItem(TOKEN_KEY) === null) return undefined;
    return { sessions: this.sessions, shownId: this.shownSessionId };
  }

  /** Fetches the journaled sessions again (the picker calls this each time it opens). */
  async loadSessionList(): Promise<void> {
    const response = await sessionFetch('/api/sessions');
    if (!response?.ok) return;
    const body = (await response.json().catch(() => ({}))) as { sessions?: unknown };
    this.sessions = Array.isArray(body.sessions) ? (body.sessions as JournaledSession[]) : [];
    this.host.requestUpdate();
  }

  /**
   * Opens a journaled session read-only, like an opened HAR (the track is chosen as for any file). The page stops
   * listening to the feed; the proxy goes on capturing, and backToLive picks the live session up again.
   */
  async openSession(id: string): Promise<void> {
    const session = this.sessions.find((s) => s.id === id);
    if (session?.live) return this.backToLive();
    const name = visibleText(session?.name ?? id);
    // The last pick wins: a session that arrives after another pick (or Back to live) is dropped.
    const pick = ++this.pick;
    const tooLarge = tooLargeToOpen(session);
    if (tooLarge) return void this.store.dispatch({ type: 'load-failed', message: tooLarge });
    const response = await sessionFetch(`/api/sessions/${encodeURIComponent(id)}.har`);
    if (pick !== this.pick) return;
    if (!response?.ok) {
      const why = response ? `the server answered ${response.status}` : 'is the inspector server still running?';
      this.store.dispatch({ type: 'load-failed', message: `Could not open session ${name}: ${why}.` });
      return;
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      this.store.dispatch({ type: 'load-failed', message: `Session ${name} could not be downloaded whole.` });
      return;
    }
    if (pick !== this.pick) return;
    if (this.loadText(text, name, 'session')) {
      this.shownSessionId = id;
      setSessionParam(id);
    }
  }

  /** Back to the live session from a journaled session or a file: the feed's hello and history refill the page. */
  backToLive(): void {
    this.pick++;
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token || this.feed) return;
    this.beforeOpen();
    this.shownSessionId = undefined;
    setSessionParam(undefined);
    this.feed = connectFeed(this.store, feedUrl(location, token));
    this.host.requestUpdate();
  }

  /** Asks the proxy's sample world to switch scenario. */
  setScenario(scenario: string): void {
    this.feed?.send({ type: 'set-scenario', scenario });
  }

  /** Opens a bundled recording in replay mode and makes the address shareable (`?recording=…`). */
  async openRecording(name: string): Promise<void> {
    const target = recordingUrl(name);
    if (!target) return;
    const url = new URL(location.href);
    url.search = `?recording=${encodeURIComponent(name)}`;
    history.replaceState(history.state, '', url.pathname + url.search);
    await this.openUrl(target, name, 'recording', true);
  }

  async openFile(file: File): Promise<void> {
    this.pick++;
    try {
      this.loadText(await file.text(), file.name);
    } catch {
      this.store.dispatch({ type: 'load-failed', message: `${file.name} could not be read from disk.` });
    }
  }

  /** Opens HAR text: on failure one clear message, and whatever was shown before stays. */
  loadText(text: string, name: string, kind: 'file' | 'recording' | 'session' = 'file', replay = false): boolean {
    let result: ReturnType<typeof importHar>;
    try {
      result = importHar(text);
    } catch {
      result = { ok: false, code: 'har-unreadable', message: 'This file could not be read as HAR.' };
    }
    if (!result.ok) {
      this.store.dispatch({ type: 'load-failed', message: `${name}: ${result.message}` });
      return false;
    }
    this.beforeOpen();
    this.feed?.close();
    this.feed = undefined;
    this.analysis.offerText(text);
    this.store.dispatch({ type: 'loaded', kind, name, exchanges: result.exchanges, replay, warnings: result.warnings });
    if (kind !== 'session' && this.shownSessionId !== undefined) {
      this.shownSessionId = undefined;
      setSessionParam(undefined);
    }
    return true;
  }

  private async openInitialSource(): Promise<void> {
    const url = new URL(location.href);
    const token = url.searchParams.get('token');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      url.searchParams.delete('token');
      history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    }
    const embedded = embeddedRecording();
    if (embedded) {
      this.loadText(embedded.text, embedded.name, 'recording', true);
      return;
    }
    const recording = url.searchParams.get('recording');
    const har = url.searchParams.get('har');
    if (recording) {
      const target = recordingUrl(recording);
      if (target) await this.openUrl(target, recording, 'recording', true);
      else
        this.store.dispatch({
          type: 'load-failed',
          message: `"${recording}" is not a recording name (letters, digits, dots, dashes).`,
        });
      return;
    }
    if (har) {
      const target = sameOriginUrl(har, location.origin);
      if (target) await this.openUrl(target, har, 'file', false);
      else
        this.store.dispatch({
          type: 'load-failed',
          message: 'Only HAR files from this same server can be opened by URL; use "Open HAR file" for others.',
        });
      return;
    }
    const stored = sessionStorage.getItem(TOKEN_KEY);
    const session = url.searchParams.get('session');
    if (session && stored && location.protocol.startsWith('http')) {
      // A link to a journaled session (its exchange ids are that session's, not the live one's).
      await this.loadSessionList();
      await this.openSession(session);
      return;
    }
    if (stored && location.protocol.startsWith('http')) {
      this.feed = connectFeed(this.store, feedUrl(location, stored));
      this.host.requestUpdate();
    }
  }

  private async openUrl(url: string, name: string, kind: 'file' | 'recording', replay: boolean): Promise<void> {
    this.pick++;
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) {
        this.store.dispatch({
          type: 'load-failed',
          message: `Could not open ${name}: the server answered ${response.status}.`,
        });
        return;
      }
      this.loadText(await response.text(), name, kind, replay);
    } catch {
      this.store.dispatch({
        type: 'load-failed',
        message: `Could not download ${name}: is the inspector server still running?`,
      });
    }
  }

  private async loadRecordingList(): Promise<void> {
    if (!location.protocol.startsWith('http')) return;
    try {
      const response = await fetch('/recordings/index.json', { credentials: 'same-origin' });
      if (!response.ok) return;
      this.recordings = recordingList(await response.json());
      this.host.requestUpdate();
    } catch {
      // Served by a plain static server: the menu stays hidden; files and ?recording= still work.
    }
  }

  // The session picker's events reach the shell, whose controller this is: no wiring in the shell's template.
  private onListSessions = () => void this.loadSessionList();
  private onOpenSession = (event: CustomEvent<{ id: string }>) => void this.openSession(event.detail.id);
  private onBackToLive = () => this.backToLive();
  /** From the header's scenario menu or a lesson step's switch button. */
  private onSetScenario = (event: CustomEvent<{ scenario: string }>) => this.setScenario(event.detail.scenario);

  private onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.host.toggleAttribute('dragging', true);
  };

  private onDragLeave = () => this.host.toggleAttribute('dragging', false);

  private onDrop = (event: DragEvent) => {
    event.preventDefault();
    this.host.toggleAttribute('dragging', false);
    const file = event.dataTransfer?.files[0];
    if (file) void this.openFile(file);
  };
}
