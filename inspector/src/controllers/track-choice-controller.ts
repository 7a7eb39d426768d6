// Picks the lesson track by default (the sample's for its traffic, the generic one for any other app) until the user picks.
import { chooseTrackId, isImplicitRequest, isSampleTraffic } from '@oauth-inspector/core/analysis/track-choice.ts';
import type { InspectorState, Store } from '../state/store.ts';

export class TrackChoiceController {
  /** Once the user has picked a track in the header, it stays. */
  private picked = false;
  private epoch = -1;
  /** Exchanges of this epoch already looked at, and whether one of them was the sample's. */
  private scanned = 0;
  private sawSample = false;
  private sawImplicit = false;

  constructor(
    private readonly store: Store,
    private readonly trackIds: readonly string[],
  ) {
    store.subscribe((s) => this.follow(s));
    this.follow(store.getState());
  }

  /** The user's own choice. */
  pick(id: string): void {
    this.picked = true;
    this.store.dispatch({ type: 'track', id });
  }

  private follow(s: InspectorState): void {
    if (this.picked) return;
    if (s.epoch !== this.epoch) {
      this.epoch = s.epoch;
      this.scanned = 0;
      this.sawSample = false;
      this.sawImplicit = false;
    }
    // Only new exchanges are looked at, and none once the sample's implicit request was seen: cheap on long sessions.
    while (!this.sawImplicit && this.scanned < s.exchanges.length) {
      const exchange = s.exchanges[this.scanned++]!;
      if (!isSampleTraffic(exchange)) continue;
      this.sawSample = true;
      this.sawImplicit = isImplicitRequest(exchange);
    }
    const id = chooseTrackId({
      // The live feed says whether a sample world runs (`start`) or not (`proxy`); files and recordings do not.
      ...(s.source.kind === 'live' ? { sampleWorld: s.sampleWorld !== undefined } : {}),
      ...(s.source.kind === 'live' && s.sampleWorld ? { scenario: s.sampleWorld.scenario } : {}),
      sawSampleImplicit: this.sawImplicit,
      sawSampleTraffic: this.sawSample,
      exchangeCount: s.exchanges.length,
    });
    if (id !== s.trackId && this.trackIds.includes(id)) this.store.dispatch({ type: 'track', id });
  }
}
