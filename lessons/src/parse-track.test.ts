// Tests for parseTrack / tracksFromFiles: step order, numbering, duplicates, inference links and file grouping.
import { describe, expect, it } from 'vitest';
import { LessonError } from './lesson-error.ts';
import { parseManifest, parseTrack, toTrackDefinition, tracksFromFiles } from './parse-track.ts';

function step(file: string, number: number, extra: string[] = [], track = 'demo'): string {
  const id = `${track}/${file.replace(/\.md$/, '')}`;
  return [
    '---',
    `id: ${id}`,
    `number: ${number}`,
    `title: Step ${number}`,
    ...(extra.some((l) => l.startsWith('recognizers')) ? [] : ['recognizers: [discovery]']),
    'checks: []',
    'specs:',
    '  - label: RFC 6749 §4.1',
    '    url: https://www.rfc-editor.org/rfc/rfc6749.html#section-4.1',
    ...extra,
    '---',
    `Text of step ${number}.`,
    '',
  ].join('\n');
}

function manifest(files: string[], id = 'demo'): string {
  return [
    `id: ${id}`,
    'title: Demo track',
    'summary: A track for tests.',
    'steps:',
    ...files.map((f) => `  - ${f}`),
  ].join('\n');
}

function errorOf(run: () => unknown): LessonError {
  try {
    run();
  } catch (error) {
    if (error instanceof LessonError) return error;
    throw error;
  }
  throw new Error('expected a LessonError, nothing was thrown');
}

describe('parseTrack', () => {
  it('builds the steps in manifest order with their texts', () => {
    const track = parseTrack(manifest(['01-a.md', '02-b.md']), {
      '02-b.md': step('02-b.md', 2, ['recognizers: []', 'inferredFrom: demo/01-a']),
      '01-a.md': step('01-a.md', 1),
    });
    expect(track.id).toBe('demo');
    expect(track.summary).toBe('A track for tests.');
    expect(track.steps.map((s) => [s.id, s.number])).toEqual([
      ['demo/01-a', 1],
      ['demo/02-b', 2],
    ]);
    expect(track.steps[1]?.inferredFrom).toBe('demo/01-a');
    expect(track.steps[0]?.body).toBe('Text of step 1.\n');
  });

  it('fails when a listed step file is missing', () => {
    const error = errorOf(() => parseTrack(manifest(['01-a.md', '02-b.md']), { '01-a.md': step('01-a.md', 1) }));
    expect(error.code).toBe('track.step-file-missing');
    expect(error.source).toBe('demo/02-b.md');
  });

  it('fails when a step id does not match its file name', () => {
    const text = step('01-a.md', 1).replace('id: demo/01-a', 'id: demo/01-other');
    expect(errorOf(() => parseTrack(manifest(['01-a.md']), { '01-a.md': text })).code).toBe('track.step-mismatch');
  });

  it('fails on duplicate step ids and duplicate numbers', () => {
    const a = step('01-a.md', 1);
    expect(errorOf(() => parseTrack(manifest(['01-a.md', '01-a.md']), { '01-a.md': a })).code).toBe('track.duplicate');
    const twoOnes = { '01-a.md': a, '02-b.md': step('02-b.md', 1) };
    const error = errorOf(() => parseTrack(manifest(['01-a.md', '02-b.md']), twoOnes));
    expect(error.code).toBe('track.duplicate');
    expect(error.message).toContain('number 1');
  });

  it('fails when numbers skip or run out of manifest order', () => {
    const files = { '01-a.md': step('01-a.md', 1), '02-b.md': step('02-b.md', 3) };
    expect(errorOf(() => parseTrack(manifest(['01-a.md', '02-b.md']), files)).code).toBe('track.numbering');
    const swapped = { '01-a.md': step('01-a.md', 2), '02-b.md': step('02-b.md', 1) };
    expect(errorOf(() => parseTrack(manifest(['01-a.md', '02-b.md']), swapped)).code).toBe('track.numbering');
  });

  it('fails when inferredFrom names no other step, itself, or an inferred step', () => {
    const files = (target: string) => ({
      '01-a.md': step('01-a.md', 1),
      '02-b.md': step('02-b.md', 2, ['recognizers: []', `inferredFrom: ${target}`]),
      '03-c.md': step('03-c.md', 3, ['recognizers: []', 'inferredFrom: demo/02-b']),
    });
    const m = manifest(['01-a.md', '02-b.md', '03-c.md']);
    expect(errorOf(() => parseTrack(m, files('demo/09-nowhere'))).code).toBe('track.inferred-from-unknown');
    expect(errorOf(() => parseTrack(m, files('demo/02-b'))).code).toBe('track.inferred-from-unknown');
    expect(errorOf(() => parseTrack(m, files('demo/01-a'))).message).toContain('itself inferred');
  });
});

describe('parseManifest', () => {
  it('rejects broken YAML and missing fields with one sentence', () => {
    expect(errorOf(() => parseManifest('id: [demo\n')).code).toBe('track.manifest-yaml');
    expect(errorOf(() => parseManifest('id: Demo Track\ntitle: t\nsummary: s\nsteps: [01-a.md]\n')).code).toBe(
      'track.manifest-invalid',
    );
    expect(errorOf(() => parseManifest('id: demo\nsummary: s\nsteps: [01-a.md]\n')).code).toBe(
      'track.manifest-invalid',
    );
    expect(errorOf(() => parseManifest('id: demo\ntitle: t\nsummary: s\nsteps: []\n')).code).toBe(
      'track.manifest-invalid',
    );
    expect(errorOf(() => parseManifest('id: demo\ntitle: t\nsummary: s\nsteps: [notes.txt]\n')).code).toBe(
      'track.manifest-invalid',
    );
  });

  it('reads whose messages the steps are: any client, a browser app, or (left out) a browser app', () => {
    const base = 'id: demo\ntitle: t\nsummary: s\nsteps: [01-a.md]\n';
    expect(parseManifest(`${base}clients: any\n`).clients).toBe('any');
    expect(parseManifest(base).clients).toBeUndefined();
    expect(errorOf(() => parseManifest(`${base}clients: servers\n`)).message).toContain(
      '"clients" must be "browser" or "any".',
    );
  });
});

describe('tracksFromFiles', () => {
  it('groups Vite glob paths by track folder and ignores folders without a manifest', () => {
    const files = {
      '../../lessons/tracks/demo/manifest.yaml': manifest(['01-a.md']),
      '../../lessons/tracks/demo/01-a.md': step('01-a.md', 1),
      '../../lessons/tracks/beta/manifest.yaml': manifest(['01-x.md'], 'beta'),
      '../../lessons/tracks/beta/01-x.md': step('01-x.md', 1, [], 'beta'),
      '../../lessons/tracks/drafts/01-y.md': 'not a lesson',
      '../../lessons/README.md': 'ignored',
    };
    expect(tracksFromFiles(files).map((t) => t.id)).toEqual(['beta', 'demo']);
  });

  it('fails when a manifest id differs from its folder', () => {
    const files = {
      '/tracks/demo/manifest.yaml': manifest(['01-a.md'], 'other'),
      '/tracks/demo/01-a.md': step('01-a.md', 1, [], 'other'),
    };
    expect(errorOf(() => tracksFromFiles(files)).code).toBe('track.manifest-invalid');
  });
});

describe('toTrackDefinition', () => {
  it('keeps what the analyzer needs and drops texts', () => {
    const track = parseTrack(manifest(['01-a.md']), { '01-a.md': step('01-a.md', 1) });
    expect(toTrackDefinition(track)).toEqual({
      id: 'demo',
      title: 'Demo track',
      steps: [{ id: 'demo/01-a', number: 1, title: 'Step 1', recognizers: ['discovery'], checks: [] }],
    });
  });

  it("keeps whose messages the steps are, which the analyzer's step mapping reads", () => {
    const track = parseTrack(`${manifest(['01-a.md'])}\nclients: any\n`, { '01-a.md': step('01-a.md', 1) });
    expect(toTrackDefinition(track).clients).toBe('any');
  });
});

describe('the pure modules', () => {
  it('import nothing from Node, so the inspector can bundle them for the browser', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of ['index.ts', 'lesson-error.ts', 'parse-lesson.ts', 'parse-track.ts']) {
      const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(
        imports.filter((spec) => spec?.startsWith('node:') || spec === './load-track-node.ts'),
        file,
      ).toEqual([]);
    }
  });
});
