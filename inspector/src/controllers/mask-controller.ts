// Presenter mode's masks for the shell: the secrets of the session labelled once per session, and the labels revealed by a click.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Exchange } from '@oauth-inspector/core';
import { memo } from '../state/memo.ts';
import { secretLabels, type Masker } from '../view-models/presenter-mask.ts';

export class MaskController implements ReactiveController {
  private revealed: ReadonlySet<string> = new Set();
  private readonly labelsOf = memo(secretLabels);
  private readonly maskerOf = memo((labels: ReadonlyMap<string, string>, revealed: ReadonlySet<string>): Masker => ({
    labels,
    revealed,
  }));

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The masker while presenting (equal values, equal labels), none otherwise. */
  mask(exchanges: readonly Exchange[], presenting: boolean): Masker | undefined {
    return presenting ? this.maskerOf(this.labelsOf(exchanges), this.revealed) : undefined;
  }

  /** Shows the secret with this label everywhere it appears. */
  reveal(label: string): void {
    this.revealed = new Set([...this.revealed, label]);
    this.host.requestUpdate();
  }
}
