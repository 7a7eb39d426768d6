// Tests for parseLesson: valid steps come back typed; broken or incomplete step files fail with a stable code.
import { describe, expect, it } from 'vitest';
import { LessonError } from './lesson-error.ts';
import { parseLesson } from './parse-lesson.ts';

const GOOD_FRONT = [
  'id: demo/01-first',
  'number: 1',
  'title: The first step',
  'recognizers: [discovery]',
  'checks: [metadata.s256]',
  'specs:',
  '  - label: RFC 8414 §3',
  '    url: https://www.rfc-editor.org/rfc/rfc8414.html#section-3',
];

function lesson(front: string[] = GOOD_FRONT, body = '## What happens\n\nThe app reads metadata.\n'): string {
  return `---\n${front.join('\n')}\n---\n${body}`;
}

function replaceLine(prefix: string, line: string | null): string[] {
  const out = GOOD_FRONT.filter((l) => !l.startsWith(prefix));
  return line === null ? out : [...out, line];
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

describe('parseLesson', () => {
  it('returns the typed step with its body and spec links', () => {
    const step = parseLesson(lesson(), 'demo/01-first.md');
    expect(step).toEqual({
      id: 'demo/01-first',
      number: 1,
      title: 'The first step',
      recognizers: ['discovery'],
      checks: ['metadata.s256'],
      specs: [{ label: 'RFC 8414 §3', url: 'https://www.rfc-editor.org/rfc/rfc8414.html#section-3' }],
      body: '## What happens\n\nThe app reads metadata.\n',
    });
  });

  it('accepts a byte order mark and Windows line endings', () => {
    const text = '\uFEFF' + lesson().replace(/\n/g, '\r\n');
    const step = parseLesson(text);
    expect(step.id).toBe('demo/01-first');
    expect(step.body.startsWith('## What happens')).toBe(true);
  });

  it('keeps inferredFrom, scenario and fromProtocol, and allows no recognizers when inferred', () => {
    const front = [
      ...replaceLine('recognizers', 'recognizers: []'),
      'inferredFrom: demo/02-second',
      'scenario: invalid-scope',
      'fromProtocol: true',
    ];
    const step = parseLesson(lesson(front));
    expect(step.recognizers).toEqual([]);
    expect(step.inferredFrom).toBe('demo/02-second');
    expect(step.scenario).toBe('invalid-scope');
    expect(step.fromProtocol).toBe(true);
  });

  it('gives a clear error naming the file and line for broken front matter', () => {
    const front = [...GOOD_FRONT.slice(0, 3), 'recognizers: [discovery', ...GOOD_FRONT.slice(4)];
    const error = errorOf(() => parseLesson(lesson(front), 'demo/01-first.md'));
    expect(error.code).toBe('lesson.front-matter-yaml');
    expect(error.message).toMatch(/^demo\/01-first\.md: the front matter is not valid YAML \(line \d+ of the file\): /);
    expect(error.message).not.toContain('\n');
  });

  it('fails when the front matter block is missing or not a mapping', () => {
    expect(errorOf(() => parseLesson('# Just markdown\n')).code).toBe('lesson.front-matter-missing');
    expect(errorOf(() => parseLesson('---\nid: demo/01-first\nno closing line\n')).code).toBe(
      'lesson.front-matter-missing',
    );
    expect(errorOf(() => parseLesson('---\n- a list\n---\nbody\n')).code).toBe('lesson.front-matter-yaml');
  });

  it('fails on an unknown recognizer id', () => {
    const error = errorOf(() =>
      parseLesson(lesson(replaceLine('recognizers', 'recognizers: [discovery, token-magic]'))),
    );
    expect(error.code).toBe('lesson.unknown-recognizer');
    expect(error.message).toContain('"token-magic"');
  });

  it('fails on an unknown check id', () => {
    const error = errorOf(() => parseLesson(lesson(replaceLine('checks', 'checks: [pkce.present, pkce.rocks]'))));
    expect(error.code).toBe('lesson.unknown-check');
    expect(error.message).toContain('"pkce.rocks"');
  });

  it("drops authors' HTML comments from the body", () => {
    const step = parseLesson(
      lesson(GOOD_FRONT, '## What happens\n\n<!-- note: adjust later -->\nText. <!-- inline -->\n'),
    );
    expect(step.body).toBe('## What happens\n\nText.\n');
  });

  it('fails on a step with no text', () => {
    expect(errorOf(() => parseLesson(lesson(GOOD_FRONT, ''))).code).toBe('lesson.body-empty');
    expect(errorOf(() => parseLesson(lesson(GOOD_FRONT, '\n   \n\t\n'))).code).toBe('lesson.body-empty');
    expect(errorOf(() => parseLesson(lesson(GOOD_FRONT, '<!-- only a note -->\n'))).code).toBe('lesson.body-empty');
  });

  it('fails on missing or malformed spec links', () => {
    const noSpecs = GOOD_FRONT.slice(0, 5);
    expect(errorOf(() => parseLesson(lesson(noSpecs))).code).toBe('lesson.spec-missing');
    expect(errorOf(() => parseLesson(lesson([...noSpecs, 'specs: []']))).code).toBe('lesson.spec-missing');
    expect(errorOf(() => parseLesson(lesson([...noSpecs, 'specs:', '  - url: https://example.org/']))).code).toBe(
      'lesson.spec-missing',
    );
    const plainHttp = [...noSpecs, 'specs:', '  - label: RFC 8414', '    url: http://example.org/'];
    expect(errorOf(() => parseLesson(lesson(plainHttp))).code).toBe('lesson.spec-missing');
  });

  it('fails on a step that neither has recognizers nor is inferred', () => {
    const error = errorOf(() => parseLesson(lesson(replaceLine('recognizers', 'recognizers: []'))));
    expect(error.code).toBe('lesson.field-invalid');
  });

  it('fails on malformed id, number, title and field types', () => {
    const cases: [string, string | null][] = [
      ['id', 'id: first'],
      ['id', null],
      ['number', 'number: 0'],
      ['number', 'number: "1"'],
      ['number', 'number: 1.5'],
      ['title', 'title: ""'],
      ['recognizers', 'recognizers: discovery'],
    ];
    for (const [prefix, line] of cases) {
      expect(errorOf(() => parseLesson(lesson(replaceLine(prefix, line)))).code, `${prefix} → ${String(line)}`).toBe(
        'lesson.field-invalid',
      );
    }
    expect(errorOf(() => parseLesson(lesson([...GOOD_FRONT, 'fromProtocol: yes please']))).code).toBe(
      'lesson.field-invalid',
    );
    expect(errorOf(() => parseLesson(lesson([...GOOD_FRONT, 'scenario: Not Kebab']))).code).toBe(
      'lesson.field-invalid',
    );
  });
});
