// A token's small lifeline: a line from its first sighting to its last event, one labelled mark per event (issued, presented, refreshed, refused, expired).
import { html, svg } from 'lit';
import type { TokenSummary } from '../view-models/token-lifeline.ts';

const WIDTH = 360;
const PAD = 14;
const COLOURS: Record<string, string> = {
  issued: 'var(--pass)',
  presented: 'var(--accent)',
  refreshed: 'var(--jwt-payload)',
  refused: 'var(--fail)',
  expired: 'var(--warn)',
};

export function tokenLifeline(summary: TokenSummary) {
  const x = (ms: number) => PAD + ((WIDTH - 2 * PAD) * ms) / summary.spanMs;
  return html`<figure class="lifeline" data-testid="token-lifeline">
    <svg viewBox="0 0 ${WIDTH} 30" width=${WIDTH} height="30" role="img" aria-label="Lifeline of ${summary.name}">
      ${svg`<line x1=${PAD} y1="15" x2=${WIDTH - PAD} y2="15" stroke="var(--border)" stroke-width="2"></line>`}
      ${summary.lifeline.map(
        (e) =>
          svg`<circle cx=${x(e.atMs)} cy="15" r="6" fill=${COLOURS[e.kind] ?? 'var(--muted)'}><title>${e.kind}${e.where ? ` in ${e.where}` : ''}</title></circle>`,
      )}
    </svg>
    <figcaption>
      ${summary.lifeline.map(
        (e) =>
          html`<span class="life-event" data-testid="life-event" data-kind=${e.kind}
            ><span class="dot-mark" style="background:${COLOURS[e.kind] ?? 'var(--muted)'}"></span>${e.kind}${e.where ? ` ${e.where}` : ''}</span
          > `,
      )}
    </figcaption>
  </figure>`;
}
