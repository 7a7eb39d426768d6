// analyze names exchanges `#N` as the inspector does: in the report, beside `_id` in the JSON, and with --exchange.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAnalyzeCommand } from './analyze-command.ts';

const HAPPY = fileURLToPath(new URL('../../../lessons/recordings/happy-path.har', import.meta.url));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAnalyzeCommand(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out, err };
}

describe('analyze exchange ids', () => {
  it('names the steps’ exchanges by capture number, never by _id', async () => {
    const { out } = await run([HAPPY]);
    expect(out.find((l) => l.includes('1. The SPA downloads its configuration'))).toMatch(/\(#5, #14, #25\)$/);
    expect(out).toContain('  #5   app-config: app configuration naming its authorization server and client id');
    expect(out.join('\n')).not.toMatch(/\([0-9a-f]{8}-\d/);
  });

  it('keeps each exchange’s _id in the JSON and adds its number', async () => {
    const { out } = await run([HAPPY, '--json']);
    const json = JSON.parse(out.join('\n')) as { exchanges: { _id: string; number: number; label: string }[] };
    expect(json.exchanges[4]).toMatchObject({
      _id: expect.stringMatching(/^[0-9a-f]+-4$/),
      number: 5,
      label: '#5',
      method: 'GET',
    });
    expect(json.exchanges).toHaveLength(29);
  });

  it('names exchanges by number inside findings and token details too', async () => {
    const { out } = await run([HAPPY, '--json']);
    const json = JSON.parse(out.join('\n')) as { tokens: { signature?: { detail: string } }[] };
    const details = json.tokens.flatMap((t) => (t.signature ? [t.signature.detail] : []));
    expect(details[0]).toMatch(/from the key set in exchange #21\.$/);
    expect(out.join('\n')).not.toMatch(/exchange [0-9a-f]{8}-\d/);
  });

  it('prints one exchange in detail with --exchange, by number or #number', async () => {
    for (const ref of ['5', '#5']) {
      const { code, out } = await run([HAPPY, '--exchange', ref]);
      expect(code).toBe(0);
      // The `_id` in brackets is the recording run's id and counter 4 (#5 is counter 4 + 1).
      expect(out[0]).toMatch(/^#5 \([0-9a-f]+-4\) GET http:\/\/web\.localhost:8080\/spa\.config\.json$/);
      expect(out).toContain('  step 1. The SPA downloads its configuration');
    }
    const missing = await run([HAPPY, '--exchange', '99']);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual([
      expect.stringMatching(/^There is no exchange 99 in this file: it holds #1 to #\d+\.$/),
    ]);
    const both = await run([HAPPY, '--exchange', '5', '--json']);
    expect(both.code).toBe(2);
    expect(both.err[0]).toContain('--exchange prints one exchange as text');
  });
});
