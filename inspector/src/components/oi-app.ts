// The inspector shell: sources (live feed, file, drop, URL), the store, analysis scheduling, layout, keyboard and replay.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import type { Analysis, Exchange } from '@oauth-inspector/core';
import { EMPTY_ANALYSIS, exportHar, importHar } from '../engine.ts';
import { createAnalysisClient } from '../analysis-client.ts';
import { connectFeed, feedUrl, type LiveFeed } from '../live-feed.ts';
import { loadTracks, trackDefinition, type LessonTrack } from '../lessons.ts';
import { createStore, visibleExchanges, type InspectorState, type ViewName } from '../state/store.ts';
import { checksView } from '../view-models/checks.ts';
import { diagramView } from '../view-models/diagram.ts';
import { exchangeDetail } from '../view-models/exchange-detail.ts';
import { filterRows, hostsOf, indexAnalysis, toRow, type ExchangeRow, type RowFilter } from '../view-models/exchange-rows.ts';
import { formatHash, parseHash, playbackDelays, recordingList, recordingUrl, sameOriginUrl } from '../view-models/navigation.ts';
import { revealAnalysis } from '../view-models/reveal.ts';
import { stepStarts, timelineView } from '../view-models/timeline.ts';
import { tokensInExchange, tokensOf, tokenView } from '../view-models/tokens.ts';
import type { InspectorEvents } from './events.ts';
import { baseStyles } from './styles.ts';
import './oi-checks.ts';
import './oi-diagram.ts';
import './oi-exchange-detail.ts';
import './oi-exchange-list.ts';
import './oi-lesson.ts';
import './oi-replay-bar.ts';
import './oi-timeline.ts';
import './oi-token-viewer.ts';

const TOKEN_KEY = 'oauth-inspector.token';
const THEME_KEY = 'oauth-inspector.theme';
/** The finding filter's choices: value and label. */
const FINDING_FILTERS: [NonNullable<RowFilter['finding']> | '', string][] = [
  ['', 'any findings'],
  ['any', 'with findings'],
  ['fail', 'failed checks'],
  ['warn', 'warnings'],
  ['pass', 'all checks passed'],
];
const VIEWS: { id: ViewName; title: string }[] = [
  { id: 'exchanges', title: 'Exchanges' },
  { id: 'checks', title: 'Checks' },
  { id: 'tokens', title: 'Tokens' },
  { id: 'diagram', title: 'Sequence diagram' },
];

function memo<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: A | undefined;
  let value: R;
  return (...args: A) => {
    if (!last || args.length !== last.length || args.some((a, i) => a !== last![i])) {
      value = fn(...args);
      last = args;
    }
    return value;
  };
}

const NO_TOKENS: { id: string; kind: string; location: string }[] = [];

@customElement('oi-app')
export class OiApp extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        --bg: #f6f7f9; --panel: #ffffff; --fg: #1c2330; --muted: #5d6778; --border: #d5dae2; --border-soft: #e8ebf0;
        --accent: #2f5fd0; --accent-text: #2552b8; --on-strong: #ffffff; --hover: #f0f3f8; --selected: #e3ebfb; --chip-bg: #edf0f4;
        --button-bg: #ffffff; --button-hover: #eef1f6; --input-bg: #ffffff; --key: #36435a;
        --pass: #1d7a3e; --pass-bg: #dcf3e3; --warn: #8a5a00; --warn-bg: #fdf0d2; --fail: #b42318; --fail-bg: #fde4e1;
        --code-bg: #f4f6f9; --code-key: #7a3e9d; --code-string: #1d6b43; --code-number: #b35c00; --code-keyword: #2552b8;
        --jwt-header: #c2255c; --jwt-payload: #6f42c1; --jwt-signature: #1971c2;
        display: flex; flex-direction: column; height: 100vh; background: var(--bg); color: var(--fg);
        font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif; font-size: 14px;
      }
      :host([data-theme='dark']) {
        --bg: #11151c; --panel: #181e27; --fg: #e3e8ef; --muted: #95a0b2; --border: #2d3644; --border-soft: #232b36;
        --accent: #6d9bff; --accent-text: #8fb2ff; --on-strong: #0d1117; --hover: #1f2733; --selected: #223354; --chip-bg: #252e3b;
        --button-bg: #1f2631; --button-hover: #283140; --input-bg: #121820; --key: #b7c3d6;
        --pass: #4cc57a; --pass-bg: #16331f; --warn: #e8b04a; --warn-bg: #3a2c0f; --fail: #ff7b72; --fail-bg: #3d1a18;
        --code-bg: #121820; --code-key: #d2a8ff; --code-string: #7ee2a8; --code-number: #ffb86b; --code-keyword: #8fb2ff;
        --jwt-header: #ff7aa8; --jwt-payload: #c6a4ff; --jwt-signature: #6cb6ff;
      }
      :host([presenter]) { font-size: 20px; }
      header.top { display: flex; align-items: center; gap: 0.6em; padding: 0.4em 1em; background: var(--panel); border-bottom: 1px solid var(--border); flex-wrap: wrap; }
      header.top h1 { font-size: 1.1em; margin: 0 0.6em 0 0; white-space: nowrap; }
      .source { display: flex; gap: 0.5em; align-items: center; color: var(--muted); min-width: 0; }
      .spacer { flex: 1; }
      .conn { display: inline-flex; gap: 0.35em; align-items: center; font-size: 0.9em; }
      .conn::before { content: ''; width: 0.6em; height: 0.6em; border-radius: 50%; background: var(--muted); }
      .conn[data-state='open']::before { background: var(--pass); }
      .conn[data-state='reconnecting']::before, .conn[data-state='connecting']::before { background: var(--warn); }
      .conn[data-state='closed']::before { background: var(--fail); }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      .banner { margin: 0.5em 1em 0; padding: 0.5em 0.8em; border-radius: 8px; display: flex; gap: 1em; align-items: center; }
      .banner.error { background: var(--fail-bg); color: var(--fail); border: 1px solid var(--fail); }
      .banner.notice { background: var(--warn-bg); color: var(--warn); }
      .banner span { flex: 1; }
      .replay { padding: 0.4em 1em; border-bottom: 1px solid var(--border); background: var(--panel); }
      main { flex: 1; display: grid; grid-template-columns: minmax(15em, 19em) 1fr; min-height: 0; }
      :host([presenter]) main { grid-template-columns: minmax(16em, 24em) 1fr; }
      aside { border-right: 1px solid var(--border); padding: 0.6em 0.8em; overflow: auto; min-height: 0; }
      .content { display: flex; flex-direction: column; min-height: 0; min-width: 0; padding: 0.6em 1em; gap: 0.6em; overflow: auto; }
      nav[role='tablist'] { display: flex; gap: 0.3em; }
      nav [role='tab'] { border-radius: 6px 6px 0 0; }
      nav [role='tab'][aria-selected='true'] { background: var(--selected); border-color: var(--accent); font-weight: 600; }
      .filters { display: flex; gap: 0.5em; flex-wrap: wrap; align-items: center; }
      .filters input[type='search'] { min-width: 16em; flex: 1; max-width: 28em; }
      .filters select { max-width: 16em; }
      header.top select { max-width: 14em; }
      oi-lesson { max-height: 38vh; flex-shrink: 0; }
      .list-detail { display: grid; grid-template-rows: minmax(200px, 38vh) auto; gap: 0.6em; min-height: 0; }
      oi-exchange-list { min-height: 0; }
      oi-checks, oi-token-viewer, oi-diagram { flex: 1; }
      .recordings { list-style: none; padding: 0; text-align: left; }
      .recordings li { margin: 0.4em 0; }
      button.link { background: none; border: none; padding: 0; color: var(--accent); text-decoration: underline; cursor: pointer; font: inherit; font-weight: 600; }
      .empty-state { margin: 3em auto; max-width: 38em; text-align: center; line-height: 1.6; border: 2px dashed var(--border); border-radius: 12px; padding: 2em; }
      :host([dragging]) .content { outline: 3px dashed var(--accent); outline-offset: -6px; }
      .count { color: var(--muted); font-size: 0.9em; white-space: nowrap; }
      .small { font-size: 0.9em; white-space: nowrap; }
    `,
  ];

  readonly store = createStore();
  @state() private s: InspectorState = this.store.getState();
  @state() private analysis: Analysis = EMPTY_ANALYSIS;
  @state() private filter: RowFilter = {};
  @state() private theme: 'light' | 'dark' = 'light';
  @state() private presenter = false;
  @state() private playing = false;
  @state() private speed = 1;
  @state() private redact = true;
  @state() private track: LessonTrack | undefined;
  /** Bundled recordings the server offers (none when the app is served without the inspector server). */
  @state() private recordings: readonly { name: string; description: string }[] = [];
  @query('input[type=file]') private fileInput!: HTMLInputElement;

  private readonly tracks = loadTracks();
  private feed: LiveFeed | undefined;
  private readonly analysisClient = createAnalysisClient((analysis) => {
    this.analysis = analysis;
    // Links to a step wait for the analysis of everything loaded (not an early partial result).
    if (this.analysisClient.isSettled() && this.analysisTimer === undefined) this.applyPendingLink();
  });
  private analyzerKey = '';
  private fed = new Map<string, Exchange>();
  /** The HAR text just loaded, handed to the analysis worker instead of copying every exchange across. */
  private loadedText: string | undefined;
  private analysisTimer: ReturnType<typeof setTimeout> | undefined;
  private playTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingLink = parseHash(location.hash);

  constructor() {
    super();
    this.track = this.tracks.tracks.find((t) => t.id === 'code-flow') ?? this.tracks.tracks[0];
    this.store.subscribe((next) => {
      const before = this.s;
      this.s = next;
      // A newly opened file goes to the analysis worker at once, so the worker parses and analyzes it while this
      // thread renders the list; live traffic is gathered for a moment first.
      if (next.epoch !== before.epoch && next.source.kind !== 'live' && this.loadedText !== undefined) this.feedAnalysisNow();
      else if (next.version !== before.version || next.epoch !== before.epoch) this.scheduleAnalysis(next.source.kind === 'live' ? 100 : 0);
    });
  }

  override connectedCallback() {
    super.connectedCallback();
    const stored = localStorage.getItem(THEME_KEY);
    this.theme = stored === 'dark' || stored === 'light' ? stored : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    window.addEventListener('keydown', this.onKey);
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('dragover', this.onDragOver);
    window.addEventListener('dragleave', this.onDragLeave);
    window.addEventListener('drop', this.onDrop);
    this.installTestHook();
    void this.openInitialSource();
    void this.loadRecordingList();
  }

  private async loadRecordingList() {
    if (!location.protocol.startsWith('http')) return;
    try {
      const response = await fetch('/recordings/index.json', { credentials: 'same-origin' });
      if (!response.ok) return;
      this.recordings = recordingList(await response.json());
    } catch {
      // Served by a plain static server: the menu stays hidden; files and ?recording= still work.
    }
  }

  /** Opens a bundled recording in replay mode and makes the address shareable (`?recording=…`). */
  private async openRecording(name: string) {
    const target = recordingUrl(name);
    if (!target) return;
    const url = new URL(location.href);
    url.search = `?recording=${encodeURIComponent(name)}`;
    url.hash = '';
    history.replaceState(history.state, '', url.pathname + url.search);
    await this.openUrl(target, name, 'recording', true);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('dragover', this.onDragOver);
    window.removeEventListener('dragleave', this.onDragLeave);
    window.removeEventListener('drop', this.onDrop);
    this.feed?.close();
  }

  override updated() {
    this.toggleAttribute('presenter', this.presenter);
    this.setAttribute('data-theme', this.theme);
  }

  // ---- sources ----

  private async openInitialSource() {
    const url = new URL(location.href);
    const token = url.searchParams.get('token');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      url.searchParams.delete('token');
      history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    }
    const recording = url.searchParams.get('recording');
    const har = url.searchParams.get('har');
    if (recording) {
      const target = recordingUrl(recording);
      if (target) await this.openUrl(target, recording, 'recording', true);
      else this.store.dispatch({ type: 'load-failed', message: `"${recording}" is not a recording name (letters, digits, dots, dashes).` });
      return;
    }
    if (har) {
      const target = sameOriginUrl(har, location.origin);
      if (target) await this.openUrl(target, har, 'file', false);
      else this.store.dispatch({ type: 'load-failed', message: 'Only HAR files from this same server can be opened by URL; use "Open HAR file" for others.' });
      return;
    }
    const stored = sessionStorage.getItem(TOKEN_KEY);
    if (stored && location.protocol.startsWith('http')) this.feed = connectFeed(this.store, feedUrl(location, stored));
  }

  private async openUrl(url: string, name: string, kind: 'file' | 'recording', replay: boolean) {
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) {
        this.store.dispatch({ type: 'load-failed', message: `Could not open ${name}: the server answered ${response.status}.` });
        return;
      }
      this.loadText(await response.text(), name, kind, replay);
    } catch {
      this.store.dispatch({ type: 'load-failed', message: `Could not download ${name}: is the inspector server still running?` });
    }
  }

  /** Opens HAR text: on failure one clear message, and whatever was shown before stays. */
  loadText(text: string, name: string, kind: 'file' | 'recording' = 'file', replay = false): boolean {
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
    this.stopPlaying();
    this.feed?.close();
    this.feed = undefined;
    this.loadedText = text;
    // Filters belong to the traffic they were set on: a newly opened file starts unfiltered.
    this.filter = {};
    this.store.dispatch({ type: 'loaded', kind, name, exchanges: result.exchanges, replay, warnings: result.warnings });
    return true;
  }

  private async openFile(file: File) {
    try {
      this.loadText(await file.text(), file.name);
    } catch {
      this.store.dispatch({ type: 'load-failed', message: `${file.name} could not be read from disk.` });
    }
  }

  private onFileChosen(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void this.openFile(file);
    input.value = '';
  }

  private onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.toggleAttribute('dragging', true);
  };

  private onDragLeave = () => this.toggleAttribute('dragging', false);

  private onDrop = (event: DragEvent) => {
    event.preventDefault();
    this.toggleAttribute('dragging', false);
    const file = event.dataTransfer?.files[0];
    if (file) void this.openFile(file);
  };

  // ---- analysis ----

  private feedAnalysisNow() {
    if (this.analysisTimer !== undefined) clearTimeout(this.analysisTimer);
    this.analysisTimer = undefined;
    this.feedAnalysis();
  }

  private scheduleAnalysis(delay: number) {
    if (this.analysisTimer !== undefined) return;
    this.analysisTimer = setTimeout(() => {
      this.analysisTimer = undefined;
      this.feedAnalysis();
    }, delay);
  }

  /** Sends what changed since the last call to the analysis worker (everything again after a new file or session). */
  private feedAnalysis() {
    const key = `${this.s.epoch}:${this.track?.id ?? ''}`;
    if (key !== this.analyzerKey) {
      this.analyzerKey = key;
      this.fed = new Map();
      this.analysisClient.reset(this.s.epoch, trackDefinition(this.track));
      if (this.loadedText !== undefined && this.s.source.kind !== 'live') {
        this.analysisClient.addText(this.loadedText);
        for (const exchange of this.s.exchanges) this.fed.set(exchange._id, exchange);
      }
    }
    this.loadedText = undefined;
    const fresh: Exchange[] = [];
    for (const exchange of this.s.exchanges) {
      if (this.fed.get(exchange._id) !== exchange) {
        fresh.push(exchange);
        this.fed.set(exchange._id, exchange);
      }
    }
    this.analysisClient.add(fresh);
  }

  // ---- derived view-models (memoized on their inputs) ----

  private readonly revealedIds = memo((exchanges: readonly Exchange[], revealed: number | null) =>
    revealed === null ? undefined : new Set(exchanges.slice(0, revealed).map((e) => e._id)),
  );
  private readonly shownAnalysis = memo((analysis: Analysis, ids: Set<string> | undefined, track: LessonTrack | undefined) =>
    ids ? revealAnalysis(analysis, ids, trackDefinition(track)) : analysis,
  );
  private readonly visible = memo((exchanges: readonly Exchange[], revealed: number | null) => visibleExchanges({ ...this.s, exchanges, revealed }));
  /** Rows are cached per exchange object for one analysis, so live traffic only builds rows for what is new. */
  private rowCache = { analysis: EMPTY_ANALYSIS, index: indexAnalysis(EMPTY_ANALYSIS), rows: new WeakMap<Exchange, ExchangeRow>() };
  private readonly rows = memo((exchanges: readonly Exchange[], analysis: Analysis) => {
    if (this.rowCache.analysis !== analysis) this.rowCache = { analysis, index: indexAnalysis(analysis), rows: new WeakMap() };
    const { index, rows } = this.rowCache;
    return exchanges.map((exchange) => {
      let row = rows.get(exchange);
      if (!row) {
        row = toRow(exchange, index);
        rows.set(exchange, row);
      }
      return row;
    });
  });
  private readonly hosts = memo((rows: readonly ExchangeRow[]) => hostsOf(rows));
  private readonly timeline = memo((analysis: Analysis, track: LessonTrack | undefined) => timelineView(analysis, trackDefinition(track)));
  private readonly tokens = memo((analysis: Analysis, exchanges: readonly Exchange[]) => tokensOf(analysis, exchanges));
  private readonly checks = memo((analysis: Analysis) => checksView(analysis));
  private readonly filteredRowsOf = memo((exchanges: readonly Exchange[], analysis: Analysis, stepNumber: number | undefined, filter: RowFilter) => {
    let rows: readonly ExchangeRow[] = this.rows(exchanges, analysis);
    if (stepNumber !== undefined) {
      const step = analysis.steps.find((st) => st.number === stepNumber);
      const ids = new Set(step?.exchangeIds ?? []);
      // An exchange can belong to several steps: with one selected, its rows name that one.
      const label = step ? `${step.number}. ${step.title}` : undefined;
      rows = rows.filter((r) => ids.has(r.id)).map((r) => (label && r.step !== label ? { ...r, step: label } : r));
    }
    return filterRows(rows, filter);
  });
  /** The exchanges behind the listed rows, or all of them when nothing is filtered out. */
  private readonly listedExchanges = memo((rows: readonly ExchangeRow[], exchanges: readonly Exchange[]) => {
    if (rows.length === exchanges.length) return exchanges;
    const ids = new Set(rows.map((r) => r.id));
    return exchanges.filter((e) => ids.has(e._id));
  });
  // The open exchange's detail (bodies pretty-printed) is built once per version of it, not on every render.
  private readonly detailOf = memo((exchange: Exchange) => exchangeDetail(exchange));
  private readonly tokensHere = memo((tokens: ReturnType<typeof tokensOf>, id: string) =>
    tokensInExchange(tokens, id).map((t) => ({ id: t.id, kind: t.kind, location: t.sightings.find((x) => x.exchangeId === id)?.location ?? '' })),
  );
  private readonly diagram = memo((exchanges: readonly Exchange[], analysis: Analysis) => diagramView(exchanges, analysis));
  private readonly fullStepStarts = memo((analysis: Analysis, track: LessonTrack | undefined, index: ReadonlyMap<string, number>) =>
    stepStarts(timelineView(analysis, trackDefinition(track)), index),
  );

  private get shown() {
    const ids = this.revealedIds(this.s.exchanges, this.s.revealed);
    const analysis = this.shownAnalysis(this.analysis, ids, this.track);
    const exchanges = this.visible(this.s.exchanges, this.s.revealed);
    return { analysis, exchanges };
  }

  // ---- replay ----

  private onReplay(move: InspectorEvents['oi-replay']['move']) {
    if (move === 'play') return this.play();
    if (move === 'pause') return this.stopPlaying();
    if (move === 'start') {
      this.store.dispatch({ type: 'replay-to', revealed: 0 });
      return;
    }
    if (move === 'all') this.stopPlaying();
    const stepStartsList = this.fullStepStarts(this.analysis, this.track, this.s.index);
    this.store.dispatch({ type: 'replay', move, stepStarts: stepStartsList });
  }

  private play() {
    if (this.s.revealed === null || this.s.revealed >= this.s.exchanges.length) this.store.dispatch({ type: 'replay-to', revealed: 0 });
    this.playing = true;
    this.playNext();
  }

  private playNext() {
    const at = this.s.revealed ?? 0;
    if (!this.playing || at >= this.s.exchanges.length) {
      this.playing = false;
      return;
    }
    const current = this.s.exchanges[at];
    const previous = this.s.exchanges[at - 1];
    const delay = current && previous ? (playbackDelays([previous.startedDateTime, current.startedDateTime], this.speed)[1] ?? 0) : 0;
    this.playTimer = setTimeout(() => {
      this.store.dispatch({ type: 'replay', move: 'next' });
      this.playNext();
    }, Math.max(delay, 120));
  }

  private stopPlaying() {
    this.playing = false;
    if (this.playTimer) clearTimeout(this.playTimer);
  }

  // ---- selection, links, keys ----

  private selectExchange(id: string) {
    // A link to an exchange not yet revealed in replay reveals up to it.
    const at = this.s.index.get(id);
    if (at !== undefined && this.s.revealed !== null && at >= this.s.revealed) this.store.dispatch({ type: 'replay-to', revealed: at + 1 });
    this.store.dispatch({ type: 'select-exchange', id });
    if (this.s.view !== 'exchanges') this.store.dispatch({ type: 'view', view: 'exchanges' });
    this.writeHash({ exchange: id });
  }

  private selectStep(number: number | undefined) {
    this.store.dispatch({ type: 'select-step', number });
    // Show the step's first exchange next to its lesson.
    const first = number === undefined ? undefined : this.shown.analysis.steps.find((st) => st.number === number)?.exchangeIds[0];
    if (first) this.store.dispatch({ type: 'select-exchange', id: first });
    this.writeHash(number === undefined ? {} : { step: number });
  }

  private writeHash(link: { step?: number; exchange?: string }) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${formatHash(link)}`);
  }

  private onHash = () => {
    this.pendingLink = parseHash(location.hash);
    this.applyPendingLink();
  };

  /** Applies #step= / #exchange= once the data it names is there (in replay, reveals through that step). */
  private applyPendingLink() {
    const link = this.pendingLink;
    if (link.step === undefined && link.exchange === undefined) return;
    if (link.exchange !== undefined) {
      if (!this.s.index.has(link.exchange)) return;
      this.selectExchange(link.exchange);
    }
    if (link.step !== undefined) {
      const step = this.analysis.steps.find((s) => s.number === link.step);
      if (this.track && !step && this.s.exchanges.length > 0 && this.analysis === EMPTY_ANALYSIS) return;
      if (step && this.s.revealed !== null) {
        const last = Math.max(-1, ...step.exchangeIds.map((id) => this.s.index.get(id) ?? -1));
        if (last + 1 > this.s.revealed) this.store.dispatch({ type: 'replay-to', revealed: last + 1 });
      }
      this.store.dispatch({ type: 'select-step', number: link.step });
    }
    this.pendingLink = {};
  }

  /** WAI-ARIA tabs: arrow keys (and Home/End) move between the views, focus following the selected tab. */
  private onTabKey = (event: KeyboardEvent) => {
    const at = VIEWS.findIndex((v) => v.id === this.s.view);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: VIEWS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    const view = VIEWS[(next + VIEWS.length) % VIEWS.length]!;
    this.store.dispatch({ type: 'view', view: view.id });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`[data-testid=view-${view.id}]`)?.focus());
  };

  private onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (target && (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const replaying = this.s.revealed !== null;
    const key = event.key;
    if (key === 'Escape') {
      if (this.s.selectedStepNumber !== undefined) this.selectStep(undefined);
      else if (this.presenter) this.presenter = false;
      else if (replaying) this.onReplay('all');
      return;
    }
    if (!replaying) return;
    const moves: Record<string, InspectorEvents['oi-replay']['move']> = {
      ArrowRight: event.shiftKey ? 'next-step' : 'next', n: 'next', ArrowLeft: event.shiftKey ? 'prev-step' : 'prev', p: 'prev',
      Home: 'first', End: 'last', N: 'next-step', P: 'prev-step',
    };
    // Space on a focused button or link presses it; elsewhere it plays or pauses the replay.
    if (key === ' ' && target && ['BUTTON', 'A'].includes(target.tagName)) return;
    if (key === ' ' && target?.getAttribute('role') === 'button') return;
    if (key === ' ') {
      event.preventDefault();
      this.onReplay(this.playing ? 'pause' : 'play');
      return;
    }
    const move = moves[key];
    if (move) {
      event.preventDefault();
      this.onReplay(move);
    }
  };

  // ---- export, scenario, theme ----

  private exportSession(exchanges: readonly Exchange[]) {
    const file = exportHar(exchanges, this.redact);
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `oauth-inspector-${new Date().toISOString().replace(/[:.]/g, '-')}${this.redact ? '-redacted' : ''}.har`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 5000);
  }

  private setTheme(theme: 'light' | 'dark') {
    this.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
  }

  // ---- test and benchmark hook ----

  private installTestHook() {
    (window as unknown as { __inspector: unknown }).__inspector = {
      store: this.store,
      ingest: (exchanges: Exchange[]) => this.store.dispatch({ type: 'ingest', exchanges }),
      load: (text: string, name = 'test.har', replay = false) => this.loadText(text, name, 'file', replay),
      /** Resolves when the latest data has been analyzed and rendered. */
      idle: async () => {
        for (let i = 0; i < 100; i++) {
          await new Promise((r) => setTimeout(r, 0));
          if (this.analysisTimer !== undefined) continue;
          await Promise.race([this.analysisClient.settled(), new Promise((r) => setTimeout(r, 30_000))]);
          await this.updateComplete;
          if (this.analysisTimer === undefined) break;
        }
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      },
    };
  }

  // ---- rendering ----

  private renderHeader() {
    const s = this.s;
    const world = s.sampleWorld;
    const sourceText = s.source.kind === 'none' ? 'No traffic yet' : s.source.kind === 'live' ? `Live: ${s.source.name}` : `${s.source.kind === 'recording' ? 'Recording' : 'File'}: ${s.source.name}`;
    return html`<header class="top">
      <h1>OAuth Inspector</h1>
      <div class="source"><span data-testid="source">${sourceText}</span>
        ${s.source.kind === 'live' || s.connection !== 'idle' ? html`<span class="conn" data-testid="connection-state" data-state=${s.connection} role="status">${s.connection === 'open' ? 'connected' : s.connection}</span>` : nothing}
        <span class="count">${s.exchanges.length} exchanges</span></div>
      <span class="spacer"></span>
      ${world ? html`<label>Scenario <select data-testid="scenario" aria-label="Sample world scenario" @change=${(e: Event) => this.feed?.send({ type: 'set-scenario', scenario: (e.target as HTMLSelectElement).value })}>
        ${world.scenarios.map((sc) => html`<option value=${sc.id} ?selected=${sc.id === world.scenario}>${sc.title}</option>`)}</select></label>` : nothing}
      ${this.tracks.tracks.length > 1 ? html`<label><select aria-label="Lesson track" @change=${(e: Event) => { this.track = this.tracks.tracks.find((t) => t.id === (e.target as HTMLSelectElement).value); this.scheduleAnalysis(0); }}>
        ${this.tracks.tracks.map((t) => html`<option value=${t.id} ?selected=${t.id === this.track?.id}>${t.title}</option>`)}</select></label>` : nothing}
      ${this.recordings.length > 0 ? html`<select data-testid="recording-picker" aria-label="Replay a bundled recording"
        @change=${(e: Event) => { const select = e.target as HTMLSelectElement; const name = select.value; select.value = ''; if (name) void this.openRecording(name); }}>
        <option value="">Replay a recording…</option>
        ${this.recordings.map((r) => html`<option value=${r.name} title=${r.description}>${r.name}</option>`)}</select>` : nothing}
      <button data-testid="open-file" @click=${() => this.fileInput.click()}>Open HAR file…</button>
      <input class="visually-hidden" type="file" accept=".har,.json,application/json" data-testid="file-input" aria-label="HAR file to open" tabindex="-1" @change=${this.onFileChosen} />
      ${this.renderExportButton(s.exchanges.length)}
      <label class="small"><input type="checkbox" .checked=${this.redact} @change=${(e: Event) => (this.redact = (e.target as HTMLInputElement).checked)} /> redact secrets</label>
      <button aria-label="Switch to ${this.theme === 'dark' ? 'light' : 'dark'} theme" data-testid="theme" title="Switch theme" @click=${() => this.setTheme(this.theme === 'dark' ? 'light' : 'dark')}>${this.theme === 'dark' ? '☀' : '☾'}</button>
      <button aria-pressed=${this.presenter ? 'true' : 'false'} data-testid="presenter" @click=${() => (this.presenter = !this.presenter)}>Presenter</button>
    </header>`;
  }

  /** Says what it saves: everything, or only the exchanges the filters or the selected step leave in the list. */
  private renderExportButton(total: number) {
    const listed = total === 0 ? 0 : this.exportable().length;
    const partial = listed < total;
    const label = partial ? `Export ${listed} listed` : 'Export HAR';
    const title = partial ? `Export the ${listed} exchanges the filters, the selected step or the replay leave in the list as a HAR file (of ${total} in all)` : 'Export every exchange as a HAR file';
    return html`<button data-testid="export" data-count=${listed} ?disabled=${listed === 0} title=${title} @click=${() => this.exportSession(this.exportable())}>${label}</button>`;
  }

  private exportable(): readonly Exchange[] {
    return this.listedExchanges(this.filteredRows(), this.shown.exchanges);
  }

  private filteredRows(): readonly ExchangeRow[] {
    return this.filteredRowsOf(this.shown.exchanges, this.shown.analysis, this.s.selectedStepNumber, this.filter);
  }

  private emptyListText(shown: number, total: number): string {
    if (shown > 0) return '';
    const step = this.s.selectedStepNumber !== undefined ? this.shown.analysis.steps.find((st) => st.number === this.s.selectedStepNumber) : undefined;
    if (step?.inferred && step.status === 'seen') return 'This step happens inside the browser: it has no HTTP message of its own and is marked from the steps around it.';
    if (step) return 'No exchange of this step has been seen yet.';
    if (this.s.revealed === 0) return 'Press Next (→) to reveal the first exchange.';
    return total > 0 ? 'No exchange matches the filters.' : 'No exchanges yet.';
  }

  private renderExchanges() {
    const { analysis, exchanges } = this.shown;
    const allRows = this.rows(exchanges, analysis);
    const rows = this.filteredRows();
    const selected = this.s.selectedExchangeId !== undefined ? this.s.exchanges[this.s.index.get(this.s.selectedExchangeId) ?? -1] : undefined;
    const visibleSelected = selected && (this.s.revealed === null || (this.s.index.get(selected._id) ?? 0) < this.s.revealed) ? selected : undefined;
    const tokens = this.tokens(analysis, exchanges);
    const stepNumber = this.s.selectedStepNumber;
    const lessonStep = stepNumber !== undefined ? this.track?.steps.find((st) => st.number === stepNumber) : undefined;
    const stepStatus = this.timeline(analysis, this.track).find((st) => st.number === stepNumber)?.status ?? '';
    return html`
      ${lessonStep ? html`<oi-lesson .step=${lessonStep} .status=${stepStatus}></oi-lesson>` : nothing}
      <div class="filters" role="search">
        <input type="search" placeholder="Filter by text (URL, method, status, step)" aria-label="Filter exchanges by text" data-testid="filter-text"
          .value=${this.filter.text ?? ''} @input=${(e: Event) => (this.filter = { ...this.filter, text: (e.target as HTMLInputElement).value })} />
        <select aria-label="Filter by host" data-testid="filter-host" @change=${(e: Event) => (this.filter = { ...this.filter, host: (e.target as HTMLSelectElement).value || undefined })}>
          <option value="" ?selected=${!this.filter.host}>all hosts</option>${this.hosts(allRows).map((h) => html`<option value=${h} ?selected=${h === this.filter.host}>${h}</option>`)}</select>
        ${this.track ? html`<select aria-label="Filter by step" data-testid="filter-step" @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.selectStep(v ? Number(v) : undefined); }}>
          <option value="" ?selected=${stepNumber === undefined}>all steps</option>${this.track.steps.map((st) => html`<option value=${st.number} ?selected=${st.number === stepNumber}>${st.number}. ${st.title}</option>`)}</select>` : nothing}
        <select aria-label="Filter by finding" data-testid="filter-finding" @change=${(e: Event) => (this.filter = { ...this.filter, finding: ((e.target as HTMLSelectElement).value || undefined) as RowFilter['finding'] })}>
          ${FINDING_FILTERS.map(([value, label]) => html`<option value=${value} ?selected=${(this.filter.finding ?? '') === value}>${label}</option>`)}</select>
        <span class="count" data-testid="row-count">${rows.length} of ${exchanges.length}</span>
      </div>
      <div class="list-detail">
        <oi-exchange-list .rows=${rows} .emptyText=${this.emptyListText(rows.length, exchanges.length)} .selectedId=${this.s.selectedExchangeId} ?follow=${this.s.source.kind === 'live' || this.s.revealed !== null}
          @oi-select-exchange=${(e: CustomEvent<{ id: string }>) => { e.stopPropagation(); this.store.dispatch({ type: 'select-exchange', id: e.detail.id }); this.writeHash({ exchange: e.detail.id }); }}></oi-exchange-list>
        <oi-exchange-detail .detail=${visibleSelected ? this.detailOf(visibleSelected) : undefined}
          .labels=${visibleSelected ? analysis.labels.filter((l) => l.exchangeId === visibleSelected._id).map((l) => ({ recognizer: l.recognizer, summary: l.summary })) : []}
          .tokens=${visibleSelected ? this.tokensHere(tokens, visibleSelected._id) : NO_TOKENS}></oi-exchange-detail>
      </div>`;
  }

  private renderView() {
    const { analysis, exchanges } = this.shown;
    switch (this.s.view) {
      case 'exchanges':
        return this.renderExchanges();
      case 'checks':
        return html`<oi-checks .findings=${this.checks(analysis)}></oi-checks>`;
      case 'tokens': {
        const tokens = this.tokens(analysis, exchanges);
        const byId = new Map(exchanges.map((e) => [e._id, e]));
        return html`<oi-token-viewer .tokens=${tokens.map((t) => tokenView(t, byId))} .selectedId=${this.s.selectedTokenId}></oi-token-viewer>`;
      }
      case 'diagram':
        return html`<oi-diagram .view=${this.diagram(exchanges, analysis)} .selectedId=${this.s.selectedExchangeId}></oi-diagram>`;
    }
  }

  override render() {
    const s = this.s;
    const { analysis } = this.shown;
    const steps = this.timeline(analysis, this.track);
    const failed = analysis.findings.filter((f) => f.status === 'fail').length;
    const hasData = s.exchanges.length > 0;
    return html`
      ${this.renderHeader()}
      ${s.error ? html`<div class="banner error" role="alert" data-testid="error-message"><span>${s.error}</span><button @click=${() => this.store.dispatch({ type: 'dismiss' })}>Dismiss</button></div>` : nothing}
      ${s.notice ? html`<div class="banner notice" role="status" data-testid="notice"><span>${s.notice}</span><button @click=${() => this.store.dispatch({ type: 'dismiss' })}>Dismiss</button></div>` : nothing}
      ${hasData && s.source.kind !== 'live' ? html`<div class="replay"><oi-replay-bar .revealed=${s.revealed} .total=${s.exchanges.length} .playing=${this.playing} .speed=${this.speed}
        @oi-replay=${(e: CustomEvent<InspectorEvents['oi-replay']>) => this.onReplay(e.detail.move)} @oi-speed=${(e: CustomEvent<{ speed: number }>) => (this.speed = e.detail.speed)}></oi-replay-bar></div>` : nothing}
      <main @oi-select-exchange=${(e: CustomEvent<{ id: string }>) => this.selectExchange(e.detail.id)}
        @oi-select-step=${(e: CustomEvent<{ number: number | undefined }>) => this.selectStep(e.detail.number)}
        @oi-select-token=${(e: CustomEvent<{ id: string }>) => this.store.dispatch({ type: 'select-token', id: e.detail.id })}>
        <aside aria-label="Lesson timeline">
          ${this.tracks.error ? html`<p class="muted">${this.tracks.error}</p>` : nothing}
          <oi-timeline .steps=${steps} .selected=${s.selectedStepNumber} .trackTitle=${this.track?.title ?? ''}></oi-timeline>
        </aside>
        <section class="content" aria-label="Traffic">
          ${hasData ? html`
            <nav role="tablist" aria-label="Views" @keydown=${this.onTabKey}>${VIEWS.map((v) => html`<button role="tab" data-testid="view-${v.id}" aria-selected=${s.view === v.id ? 'true' : 'false'}
              tabindex=${s.view === v.id ? '0' : '-1'} @click=${() => this.store.dispatch({ type: 'view', view: v.id })}>${v.title}${v.id === 'checks' && failed ? html` <span class="badge fail">${failed}</span>` : nothing}</button>`)}</nav>
            ${this.renderView()}` : html`
            <div class="empty-state" data-testid="empty-state">
              <h2>Nothing captured yet</h2>
              ${this.feed
                ? html`<p>Sign in to the sample app while the proxy runs to watch the steps fill in live,
                    or open a HAR file (from a recording, DevTools, Charles or Fiddler): use the button above or drop the file here.</p>`
                : html`<p data-testid="not-connected">This page is not connected to a proxy. To watch traffic live, open the Inspector URL
                    that <code>npm start</code> (or <code>oauth-inspector proxy</code>) printed: it carries the access key for the live feed.
                    Or open a HAR file (from a recording, DevTools, Charles or Fiddler): use the button above or drop the file here.</p>`}
              <button @click=${() => this.fileInput.click()}>Open HAR file…</button>
              ${this.recordings.length > 0 ? html`<h3>Or replay a recording of the sample</h3>
                <ul class="recordings">${this.recordings.map((r) => html`<li><button class="link" data-testid="recording-link" data-recording=${r.name}
                  @click=${() => void this.openRecording(r.name)}>${r.name}</button> <span class="muted">${r.description}</span></li>`)}</ul>` : nothing}
            </div>`}
        </section>
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'oi-app': OiApp }
}
