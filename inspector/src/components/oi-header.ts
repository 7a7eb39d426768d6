// The top bar: what is shown (source, connection, count) and the controls (scenario, track, recordings, open, export, theme).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { visibleText, type JournaledSession, type SampleWorldInfo } from '@oauth-inspector/core';
import type { ConnectionState, SourceKind } from '../state/store.ts';
import { emit } from './events.ts';
import { headerStyles } from './oi-header.styles.ts';
import { baseStyles } from './styles.ts';
import './oi-session-picker.ts';

/**
 * @fires oi-open-file - a HAR file was chosen in the picker
 * @fires oi-open-recording - a bundled recording was picked
 * @fires oi-set-scenario - another sample-world scenario was picked
 * @fires oi-select-track - another lesson track was picked
 * @fires oi-export - Export was pressed
 * @fires oi-export-class - Export class file was pressed
 * @fires oi-redact - the "redact secrets" box changed
 * @fires oi-theme - the theme button was pressed
 * @fires oi-presenter - the Presenter button was pressed
 * (and the session picker's oi-list-sessions, oi-open-session, oi-back-to-live)
 */
export interface SessionPickerInput {
  sessions: readonly JournaledSession[];
  shownId: string | undefined;
}

@customElement('oi-header')
export class OiHeader extends LitElement {
  static override styles = [baseStyles, headerStyles];

  @property({ attribute: false }) source: { kind: SourceKind; name: string } = { kind: 'none', name: '' };
  @property() connection: ConnectionState = 'idle';
  @property({ type: Number }) total = 0;
  /** How many exchanges Export would save (fewer than `total` when filters, a step or the replay narrow the list). */
  @property({ type: Number }) exportCount = 0;
  @property({ attribute: false }) sampleWorld: SampleWorldInfo | undefined;
  @property({ attribute: false }) tracks: readonly { id: string; title: string }[] = [];
  @property() trackId: string | undefined;
  @property({ attribute: false }) recordings: readonly { name: string; description: string }[] = [];
  /** The journaled sessions and the one shown; undefined without an inspector server (a file, a class file). */
  @property({ attribute: false }) sessionPicker: SessionPickerInput | undefined;
  @property({ type: Boolean }) redact = true;
  @property() theme: 'light' | 'dark' = 'light';
  @property({ type: Boolean }) presenter = false;
  @query('input[type=file]') private fileInput!: HTMLInputElement;

  /** Opens the file picker (for buttons elsewhere on the page). */
  pickFile(): void {
    this.fileInput.click();
  }

  private sourceText(): string {
    const { kind, name } = this.source;
    // Captured names (a file's, a session's) are shown with control and bidi characters escaped.
    if (kind === 'none') return 'No traffic yet';
    if (kind === 'live') return `Live: ${visibleText(name)}`;
    return `${kind === 'recording' ? 'Recording' : kind === 'session' ? 'Session' : 'File'}: ${visibleText(name)}`;
  }

  private onFileChosen(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) emit(this, 'oi-open-file', { file });
    input.value = '';
  }

  private onRecording(event: Event) {
    const select = event.target as HTMLSelectElement;
    const name = select.value;
    select.value = '';
    if (name) emit(this, 'oi-open-recording', { name });
  }

  private renderPickers() {
    const world = this.sampleWorld;
    return html`${
      this.sessionPicker
        ? html`<oi-session-picker
            .sessions=${this.sessionPicker.sessions}
            .shownId=${this.source.kind === 'session' ? this.sessionPicker.shownId : undefined}
            ?live=${this.source.kind === 'live'}
          ></oi-session-picker>`
        : nothing
    }
    ${
      world
        ? html`<label
            >Scenario
            <select
              data-testid="scenario"
              aria-label="Sample world scenario"
              @change=${(e: Event) => emit(this, 'oi-set-scenario', { scenario: (e.target as HTMLSelectElement).value })}
            >
              ${world.scenarios.map((sc) => html`<option value=${sc.id} ?selected=${sc.id === world.scenario}>${sc.title}</option>`)}
            </select></label
          >`
        : nothing
    }
    ${
      this.tracks.length > 1
        ? html`<label
            ><select
              aria-label="Lesson track"
              @change=${(e: Event) => emit(this, 'oi-select-track', { id: (e.target as HTMLSelectElement).value })}
            >
              ${this.tracks.map((t) => html`<option value=${t.id} ?selected=${t.id === this.trackId}>${t.title}</option>`)}
            </select></label
          >`
        : nothing
    }
    ${
      this.recordings.length > 0
        ? html`<select
            data-testid="recording-picker"
            aria-label="Replay a bundled recording"
            @change=${this.onRecording}
          >
            <option value="">Replay a recording…</option>
            ${this.recordings.map((r) => html`<option value=${r.name} title=${r.description}>${r.name}</option>`)}
          </select>`
        : nothing
    }`;
  }

  /** Says what it saves: everything, or only the exchanges the filters or the selected step leave in the list. */
  private renderExportButton() {
    const listed = this.total === 0 ? 0 : this.exportCount;
    const partial = listed < this.total;
    const label = partial ? `Export ${listed} listed` : 'Export HAR';
    const title = partial
      ? `Export the ${listed} exchanges the filters, the selected step or the replay leave in the list as a HAR file (of ${this.total} in all)`
      : 'Export every exchange as a HAR file';
    return html`<button
      data-testid="export"
      data-count=${listed}
      ?disabled=${listed === 0}
      title=${title}
      @click=${() => emit(this, 'oi-export', {})}
    >${label}</button>
      <button
        data-testid="export-class"
        ?disabled=${this.total === 0}
        title="Save the whole session as one HTML file that replays offline in any browser, lesson text included (redacted when 'redact secrets' is on)"
        @click=${() => emit(this, 'oi-export-class', {})}
      >
        Export class file
      </button>`;
  }

  override render() {
    const dark = this.theme === 'dark';
    const showConnection = this.source.kind === 'live' || this.connection !== 'idle';
    return html` <h1>OAuth Inspector</h1>
      <div class="source">
        <span data-testid="source">${this.sourceText()}</span>
        ${showConnection ? html`<span class="conn" data-testid="connection-state" data-state=${this.connection} role="status">${this.connection === 'open' ? 'connected' : this.connection}</span>` : nothing}
        <span class="count">${this.total} exchanges</span>
      </div>
      <span class="spacer"></span>
      ${this.renderPickers()}
      <button data-testid="open-file" @click=${() => this.pickFile()}>Open HAR file…</button>
      <input
        class="visually-hidden"
        type="file"
        accept=".har,.json,application/json"
        data-testid="file-input"
        aria-label="HAR file to open"
        tabindex="-1"
        @change=${this.onFileChosen}
      />
      ${this.renderExportButton()}
      <label class="small"
        ><input
          type="checkbox"
          data-testid="redact"
          .checked=${this.redact}
          @change=${(e: Event) => emit(this, 'oi-redact', { redact: (e.target as HTMLInputElement).checked })}
        />
        redact secrets</label
      >
      <button
        aria-label="Switch to ${dark ? 'light' : 'dark'} theme"
        data-testid="theme"
        title="Switch theme"
        @click=${() => emit(this, 'oi-theme', { theme: dark ? 'light' : 'dark' })}
      >
        ${dark ? '☀' : '☾'}
      </button>
      <button
        aria-pressed=${this.presenter ? 'true' : 'false'}
        data-testid="presenter"
        @click=${() => emit(this, 'oi-presenter', { on: !this.presenter })}
      >
        Presenter
      </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oi-header': OiHeader;
  }
}
