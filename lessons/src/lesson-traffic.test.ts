// Holds the code-flow lessons to the traffic: what each "What to look at" names in backticks is in the exchanges
// the analyzer attaches to that step in the recordings, or carries the visible "(not in this traffic)" marker.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '@oauth-inspector/core';
import { loadTrack } from './load-track-node.ts';
import type { LessonTrack } from './parse-track.ts';
import { exchangeFacts, lookedAtNames, NOT_IN_TRAFFIC, trafficHolds } from './testing/look-at-names.ts';
import { CODE_FLOW_RECORDING_NAMES, nestedBackChannel, recording, stepExchanges } from './testing/recordings.ts';

let track: LessonTrack;
/**
 * Per step number: the facts of its exchanges in every recording, with the back-channel calls nested in them (a
 * step with no message of its own: those of the step it is marked from).
 */
const factsByStep = new Map<number, string>();

beforeAll(async () => {
  track = await loadTrack('code-flow');
  const sourceOf = (n: number) => {
    const step = track.steps.find((s) => s.number === n)!;
    return step.inferredFrom ? track.steps.find((s) => s.id === step.inferredFrom)!.number : n;
  };
  for (const name of CODE_FLOW_RECORDING_NAMES) {
    const r = await recording(name);
    const analysis: Analysis = r.codeFlow;
    for (const step of track.steps) {
      const own = stepExchanges(r, analysis, sourceOf(step.number));
      const facts = [...own, ...nestedBackChannel(r, own)].map((e) => exchangeFacts(e, analysis));
      factsByStep.set(step.number, [factsByStep.get(step.number) ?? '', ...facts].join('\n'));
    }
  }
});

/** The names of a lesson body that no exchange of their step (or of a step the bullet points at) holds. */
function unbacked(stepNumber: number, body: string): string[] {
  return lookedAtNames(body)
    .filter((n) => !n.markedAbsent)
    .filter((n) => ![stepNumber, ...n.steps].some((s) => trafficHolds(factsByStep.get(s) ?? '', n.name)))
    .map((n) => `step ${stepNumber}: \`${n.name}\` in "${n.item.slice(0, 80)}"`);
}

describe('the code-flow lessons against the recorded traffic', () => {
  it('name in "What to look at" only what the exchanges of their step hold, or mark it (not in this traffic)', () => {
    const misses = track.steps.flatMap((step) => unbacked(step.number, step.body));
    expect(misses).toEqual([]);
  });

  it('fail for a parameter the exchanges of the step lack, and accept it once it is marked', () => {
    const step4 = track.steps.find((s) => s.number === 4)!;
    const bogus = step4.body.replace('- `state`:', '- `bogus_param`: made up. `state`:');
    expect(unbacked(4, bogus)).toEqual([expect.stringContaining('`bogus_param`')]);
    const marked = step4.body.replace('- `state`:', `- \`bogus_param\` ${NOT_IN_TRAFFIC}: made up. \`state\`:`);
    expect(unbacked(4, marked)).toEqual([]);
  });

  it('use the marker only for names the traffic really lacks', () => {
    const needless = track.steps.flatMap((step) =>
      lookedAtNames(step.body)
        .filter((n) => n.markedAbsent && trafficHolds(factsByStep.get(step.number) ?? '', n.name))
        .map((n) => `step ${step.number}: \`${n.name}\``),
    );
    expect(needless).toEqual([]);
  });
});
