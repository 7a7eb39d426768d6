// `oauth-inspector analyze <recording> --track implicit-and-introspection`: the legacy tour shows all 16 steps, code flow none of the implicit ones.
import { describe, expect, it } from 'vitest';
import {
  CODE_FLOW_RECORDING_NAMES,
  RECORDINGS_DIR as RECORDINGS,
} from '@oauth-inspector/lessons/testing/recordings.ts';
import { runAnalyzeCommand } from './analyze-command.ts';

/** The step lines of the report: number → seen ([x]), failed ([!]) or not seen ([ ]). */
async function stepMarks(recording: string): Promise<Map<number, string>> {
  const out: string[] = [];
  const code = await runAnalyzeCommand([`${RECORDINGS}${recording}.har`, '--track', 'implicit-and-introspection'], {
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
  });
  expect(code).toBe(0);
  const marks = new Map<number, string>();
  for (const m of out.join('\n').matchAll(/^ {2}\[(.)\] +(\d+)\. /gm)) marks.set(Number(m[2]), m[1]!);
  return marks;
}

/** The steps only the implicit flow (or the legacy page's call without a token) can show. */
const IMPLICIT_STEPS = [2, 4, 5, 6, 7, 8, 9, 10, 11];

describe('analyze --track implicit-and-introspection', () => {
  it('lists all 16 steps of the legacy track as seen in legacy-happy-path.har', async () => {
    const marks = await stepMarks('legacy-happy-path');
    expect([...marks.keys()]).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect([...marks.values()].every((m) => m === 'x')).toBe(true);
  });

  it.each(CODE_FLOW_RECORDING_NAMES)(
    'lists none of the implicit steps as seen in the code-flow recording %s.har',
    async (name) => {
      const marks = await stepMarks(name);
      expect(marks.size).toBe(16);
      expect(IMPLICIT_STEPS.filter((n) => marks.get(n) !== ' ')).toEqual([]);
      expect(marks.get(16)).toBe(' ');
    },
  );
});
