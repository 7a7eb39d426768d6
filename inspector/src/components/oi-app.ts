// The inspector shell: composes the header, banners, replay bar, timeline and views over one store and its controllers.
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { AnalysisController } from '../controllers/analysis-controller.ts';
import { NavigationController } from '../controllers/navigation-controller.ts';
import { ReplayController } from '../controllers/replay-controller.ts';
import { SourceController } from '../controllers/source-controller.ts';
import { MaskController } from '../controllers/mask-controller.ts';
import { ThemeController } from '../controllers/theme-controller.ts';
import { TrackChoiceController } from '../controllers/track-choice-controller.ts';
import { downloadClassFile } from '../class-file.ts';
import { downloadHar } from '../export-download.ts';
import { loadTracks } from '../lessons.ts';
import { createSelectors } from '../state/selectors.ts';
import { createStore, initialState, type InspectorState, type ViewName } from '../state/store.ts';
import { installTestHook } from '../test-hook.ts';
import { parseHash } from '../view-models/navigation.ts';
import type { OiHeader } from './oi-header.ts';
import { appStyles } from './oi-app.styles.ts';
import { baseStyles } from './styles.ts';
import { tabButtons } from './tablist.ts';
import './oi-checks.ts';
import './oi-diagram.ts';
import './oi-empty-state.ts';
import './oi-exchange-detail.ts';
import './oi-exchange-list.ts';
import './oi-filter-bar.ts';
import './oi-header.ts';
import './oi-lesson-mode.ts';
import './oi-replay-bar.ts';
import './oi-timeline.ts';
import './oi-token-viewer.ts';

const VIEWS: { id: ViewName; title: string }[] = [
  { id: 'lesson', title: 'Lesson' },
  { id: 'exchanges', title: 'Exchanges' },
  { id: 'checks', title: 'Checks' },
  { id: 'tokens', title: 'Tokens' },
  { id: 'diagram', title: 'Sequence diagram' },
];

@customElement('oi-app')
export class OiApp extends LitElement {
  static override styles = [baseStyles, appStyles];

  private readonly tracks = loadTracks();
  private readonly firstTrack = (this.tracks.tracks.find((t) => t.id === 'code-flow') ?? this.tracks.tracks[0])?.id;
  // Lesson mode is the default while a lesson track is active; `#view=` in the address picks another view.
  readonly store = createStore({
    ...initialState(),
    trackId: this.firstTrack,
    view: parseHash(location.hash).view ?? (this.firstTrack ? 'lesson' : 'exchanges'),
  });
  private readonly select = createSelectors(this.tracks.tracks);
  private readonly trackChoice = new TrackChoiceController(
    this.store,
    this.tracks.tracks.map((t) => t.id),
  );
  private readonly analysis = new AnalysisController(this.store, (id) => this.select.definitionOf(id));
  private readonly replay = new ReplayController(this, this.store, () => this.select.stepStarts(this.store.getState()));
  private readonly sources = new SourceController(this, this.store, this.analysis, () => this.replay.stop());
  private readonly navigation = new NavigationController(this, this.store, this.select, this.replay);
  private readonly themes = new ThemeController(this);
  private readonly masks = new MaskController(this);
  @state() private s: InspectorState = this.store.getState();
  /** The shell re-renders on every state the store reduces, for its whole life. */
  private readonly following = this.store.subscribe((next) => (this.s = next));
  /** Large type for teaching; Escape leaves it. */
  @state() presenter = false;
  @state() private redact = true;
  /** The finding a lesson-mode note linked to, opened in the checks view. */
  @state() private focusFinding = '';
  @query('oi-header') private header!: OiHeader;

  override connectedCallback() {
    installTestHook({
      store: this.store,
      load: (text, name, replay) => this.sources.loadText(text, name, 'file', replay),
      analyzed: () => this.analysis.settled(),
      rendered: () => this.updateComplete,
    });
    super.connectedCallback();
  }

  override updated() {
    this.toggleAttribute('presenter', this.presenter);
  }

  /** WAI-ARIA tabs: arrow keys (and Home/End) move between the views, focus following the selected tab. */
  private onTabKey = (event: KeyboardEvent) => {
    const views = this.views();
    const at = views.findIndex((v) => v.id === this.s.view);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: views.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    const view = views[(next + views.length) % views.length]!;
    this.store.dispatch({ type: 'view', view: view.id });
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-testid=view-${view.id}]`)?.focus(),
    );
  };

  private mask() {
    return this.masks.mask(this.s.exchanges, this.presenter);
  }

  /** The views offered: lesson mode only while a lesson track is active. */
  private views() {
    return this.select.track(this.s) ? VIEWS : VIEWS.filter((v) => v.id !== 'lesson');
  }

  private renderLessonMode() {
    const s = this.s;
    const sel = this.select;
    return html`<oi-lesson-mode
      .lesson=${sel.lessonModeStep(s)}
      .view=${sel.lessonModeView(s)}
      .message=${sel.lessonModeMessage(s)}
      .total=${sel.track(s)?.steps.length ?? 0}
      .mask=${this.mask()}
      .scenarios=${this.select.switchableScenarios(s)}
      @oi-show-message=${(e: CustomEvent<{ id: string }>) => this.navigation.selectRow(e.detail.id)}
      @oi-open-finding=${(e: CustomEvent<{ id: string }>) => {
        this.focusFinding = e.detail.id;
        this.store.dispatch({ type: 'view', view: 'checks' });
      }}
    ></oi-lesson-mode>`;
  }

  private renderHeader() {
    const s = this.s;
    return html`<oi-header
      .source=${s.source}
      .connection=${s.connection}
      .total=${s.exchanges.length}
      .exportCount=${s.exchanges.length > 0 ? this.select.exportable(s).length : 0}
      .sampleWorld=${s.sampleWorld}
      .tracks=${this.tracks.tracks}
      .trackId=${s.trackId}
      .recordings=${this.sources.recordings}
      .sessionPicker=${this.sources.sessionPicker}
      ?redact=${this.redact}
      .theme=${this.themes.theme}
      ?presenter=${this.presenter}
      @oi-open-file=${(e: CustomEvent<{ file: File }>) => void this.sources.openFile(e.detail.file)}
      @oi-open-recording=${(e: CustomEvent<{ name: string }>) => void this.sources.openRecording(e.detail.name)}
      @oi-select-track=${(e: CustomEvent<{ id: string }>) => this.trackChoice.pick(e.detail.id)}
      @oi-export=${() => downloadHar(this.select.exportable(this.s), this.redact)}
      @oi-export-class=${() =>
        downloadClassFile(s.exchanges, this.redact, s.source.name || 'session').catch((error: Error) =>
          this.store.dispatch({ type: 'load-failed', message: error.message }),
        )}
      @oi-redact=${(e: CustomEvent<{ redact: boolean }>) => (this.redact = e.detail.redact)}
      @oi-theme=${(e: CustomEvent<{ theme: 'light' | 'dark' }>) => this.themes.set(e.detail.theme)}
      @oi-presenter=${(e: CustomEvent<{ on: boolean }>) => (this.presenter = e.detail.on)}
    ></oi-header>`;
  }

  private renderBanners() {
    const s = this.s;
    const dismiss = () => this.store.dispatch({ type: 'dismiss' });
    return html` ${s.error ? html`<div class="banner error" role="alert" data-testid="error-message"><span>${s.error}</span><button @click=${dismiss}>Dismiss</button></div>` : nothing}
    ${s.notice ? html`<div class="banner notice" role="status" data-testid="notice"><span>${s.notice}</span><button @click=${dismiss}>Dismiss</button></div>` : nothing}`;
  }

  private renderReplayBar() {
    const s = this.s;
    if (s.exchanges.length === 0 || s.source.kind === 'live') return nothing;
    return html`<div class="replay">
      <oi-replay-bar
        .revealed=${s.revealed}
        .total=${s.exchanges.length}
        .playing=${this.replay.playing}
        .speed=${this.replay.speed}
        @oi-replay=${(e: CustomEvent<{ move: Parameters<ReplayController['move']>[0] }>) => this.replay.move(e.detail.move)}
        @oi-speed=${(e: CustomEvent<{ speed: number }>) => this.replay.setSpeed(e.detail.speed)}
      ></oi-replay-bar>
    </div>`;
  }

  private renderExchanges() {
    const s = this.s;
    const sel = this.select;
    const rows = sel.filteredRows(s);
    return html`<oi-filter-bar
        .filter=${s.filter}
        .hosts=${sel.hosts(s)}
        .steps=${sel.track(s)?.steps}
        .stepNumber=${s.selectedStepNumber}
        .listed=${rows.length}
        .total=${sel.shown(s).exchanges.length}
        @oi-filter=${(e: CustomEvent<{ filter: InspectorState['filter'] }>) => this.store.dispatch({ type: 'filter', filter: e.detail.filter })}
      ></oi-filter-bar>
      <div class="list-detail">
        <oi-exchange-list
          .rows=${rows}
          .emptyText=${sel.emptyListText(s)}
          .selectedId=${s.selectedExchangeId}
          ?follow=${s.source.kind === 'live' || s.revealed !== null}
          @oi-select-exchange=${(e: CustomEvent<{ id: string }>) => {
            e.stopPropagation();
            this.navigation.selectRow(e.detail.id);
          }}
        ></oi-exchange-list>
        <oi-exchange-detail
          .detail=${sel.selectedDetail(s)}
          .labels=${sel.selectedLabels(s)}
          .tokens=${sel.selectedTokens(s)}
          .links=${sel.selectedLinks(s)}
          .mask=${this.mask()}
        ></oi-exchange-detail>
      </div>`;
  }

  private renderView() {
    const s = this.s;
    const view = s.view === 'lesson' && !this.select.track(s) ? 'exchanges' : s.view;
    switch (view) {
      case 'lesson':
        return this.renderLessonMode();
      case 'exchanges':
        return this.renderExchanges();
      case 'checks':
        return html`<oi-checks
          .findings=${this.select.checks(s)}
          .steps=${this.select.timeline(s)}
          .labels=${this.select.exchangeLabels(s)}
          .focusId=${this.focusFinding}
          .mask=${this.mask()}
        ></oi-checks>`;
      case 'tokens':
        return html`<oi-token-viewer
          .tokens=${this.select.tokenViews(s)}
          .selectedId=${s.selectedTokenId}
          .summaries=${this.select.tokenSummaries(s)} .keys=${this.select.keySets(s)}
          .mask=${this.mask()}
        ></oi-token-viewer>`;
      case 'diagram':
        return html`<oi-diagram .view=${this.select.diagram(s)} .selectedId=${s.selectedExchangeId}></oi-diagram>`;
    }
  }

  private renderTabs() {
    const s = this.s;
    const failed = this.select.failedCount(s);
    return html`<nav role="tablist" aria-label="Views" @keydown=${this.onTabKey}>
      ${tabButtons({
        tabs: this.views(),
        selected: s.view,
        testIdPrefix: 'view-',
        onSelect: (view) => this.store.dispatch({ type: 'view', view }),
        label: (v) =>
          html`${v.title}${v.id === 'checks' && failed ? html` <span class="badge fail">${failed}</span>` : nothing}`,
      })}
    </nav>`;
  }

  override render() {
    const s = this.s;
    const track = this.select.track(s);
    return html` ${this.renderHeader()} ${this.renderBanners()} ${this.renderReplayBar()}
      <main
        @oi-select-exchange=${(e: CustomEvent<{ id: string }>) => this.navigation.selectExchange(e.detail.id)}
        @oi-select-step=${(e: CustomEvent<{ number: number | undefined }>) => this.navigation.selectStep(e.detail.number)}
        @oi-select-token=${(e: CustomEvent<{ id: string }>) => this.store.dispatch({ type: 'select-token', id: e.detail.id })}
        @oi-reveal=${(e: CustomEvent<{ label: string }>) => this.masks.reveal(e.detail.label)}
      >
        <aside aria-label="Lesson timeline">
          ${this.tracks.error ? html`<p class="muted">${this.tracks.error}</p>` : nothing}
          <oi-timeline
            .steps=${this.select.timeline(s)}
            .selected=${s.selectedStepNumber}
            .trackTitle=${track?.title ?? ''}
          ></oi-timeline>
        </aside>
        <section class="content" aria-label="Traffic">
          ${
            s.exchanges.length > 0
              ? html`${this.renderTabs()}${this.renderView()}`
              : html`<oi-empty-state
                  data-testid="empty-state"
                  ?live=${this.sources.live}
                  .recordings=${this.sources.recordings}
      .sessionPicker=${this.sources.sessionPicker}
                  @oi-pick-file=${() => this.header.pickFile()}
                  @oi-open-recording=${(e: CustomEvent<{ name: string }>) => void this.sources.openRecording(e.detail.name)}
                ></oi-empty-state>`
          }
        </section>
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-app': OiApp;
  }
}
