// Turns one lesson step file (YAML front matter + markdown body) into a typed, validated step. Pure: no I/O.
import { LineCounter, parseDocument } from 'yaml';
import { isCheckId, isRecognizerId } from '@oauth-inspector/core/analysis/ids.ts';
import type { CheckId, RecognizerId } from '@oauth-inspector/core/analysis/ids.ts';
import type { SpecRef, TrackStep } from '@oauth-inspector/core/analysis/types.ts';
import { LessonError } from './lesson-error.ts';

/** A step as the lessons define it: the analyzer's TrackStep plus the text and links the inspector shows. */
export interface LessonStep extends TrackStep {
  /** Markdown body, without the front matter and without HTML comments (authors' notes, never shown). */
  body: string;
  /** Specification sections the step rests on (at least one). */
  specs: SpecRef[];
  /**
   * Set when the step is only seen in the recording of one failure scenario of the sample (for example
   * `invalid-scope`), not in the happy path.
   */
  scenario?: string;
  /**
   * True when the sample cannot produce this step (for example the implicit flow, which the embedded server only
   * allows over https): the text explains it from the protocol and it is seen only in other servers' traffic.
   */
  fromProtocol?: boolean;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const STEP_ID = /^[a-z0-9-]+\/\d{2}-[a-z0-9-]+$/;
const SCENARIO = /^[a-z0-9-]+$/;

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(source: string, message: string): LessonError {
  return new LessonError('lesson.field-invalid', source, message);
}

function requireString(fields: Fields, name: string, source: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(source, `front matter field "${name}" must be a non-empty string.`);
  }
  return value.trim();
}

function optionalString(fields: Fields, name: string, source: string): string | undefined {
  return fields[name] === undefined || fields[name] === null ? undefined : requireString(fields, name, source);
}

function stringList(fields: Fields, name: string, source: string): string[] {
  const value = fields[name] ?? [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw invalid(source, `front matter field "${name}" must be a list of ids.`);
  }
  return value;
}

function recognizerList(fields: Fields, source: string): RecognizerId[] {
  return stringList(fields, 'recognizers', source).map((id) => {
    if (!isRecognizerId(id)) {
      throw new LessonError(
        'lesson.unknown-recognizer',
        source,
        `"${id}" is not a recognizer id (see core/src/analysis/ids.ts).`,
      );
    }
    return id;
  });
}

function checkList(fields: Fields, source: string): CheckId[] {
  return stringList(fields, 'checks', source).map((id) => {
    if (!isCheckId(id)) {
      throw new LessonError(
        'lesson.unknown-check',
        source,
        `"${id}" is not a check id (see core/src/analysis/ids.ts).`,
      );
    }
    return id;
  });
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function specList(fields: Fields, source: string): SpecRef[] {
  const value = fields['specs'];
  if (!Array.isArray(value) || value.length === 0) {
    throw new LessonError(
      'lesson.spec-missing',
      source,
      'front matter needs "specs": at least one { label, url } link to a specification.',
    );
  }
  return value.map((item, index) => {
    if (!isRecord(item) || typeof item['label'] !== 'string' || item['label'].trim() === '') {
      throw new LessonError('lesson.spec-missing', source, `spec link ${index + 1} needs a non-empty "label".`);
    }
    const url = item['url'];
    if (typeof url !== 'string' || !isHttpsUrl(url)) {
      throw new LessonError('lesson.spec-missing', source, `spec link "${item['label']}" needs an https "url".`);
    }
    return { label: item['label'].trim(), url };
  });
}

function frontMatterFields(text: string, source: string): { fields: Fields; body: string } {
  const clean = text.replace(/^\uFEFF/, '');
  const match = FRONT_MATTER.exec(clean);
  if (!match) {
    throw new LessonError(
      'lesson.front-matter-missing',
      source,
      'the file must start with a front matter block between two "---" lines.',
    );
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(match[1] ?? '', { prettyErrors: false, lineCounter });
  const firstError = document.errors[0];
  if (firstError) {
    // +1: the opening "---" is line 1 of the file.
    const where = ` (line ${lineCounter.linePos(firstError.pos[0]).line + 1} of the file)`;
    throw new LessonError(
      'lesson.front-matter-yaml',
      source,
      `the front matter is not valid YAML${where}: ${firstError.message.split('\n')[0]}`,
    );
  }
  const fields: unknown = document.toJS();
  if (!isRecord(fields)) {
    throw new LessonError(
      'lesson.front-matter-yaml',
      source,
      'the front matter must be a YAML mapping of fields (id, number, title, …).',
    );
  }
  return { fields, body: clean.slice(match[0].length) };
}

/**
 * Parses one step file. `source` names the file in error messages. Throws LessonError with a stable code on
 * broken front matter, unknown recognizer or check ids, missing spec links or an empty body.
 */
export function parseLesson(text: string, source = 'lesson'): LessonStep {
  const { fields, body } = frontMatterFields(text, source);
  const id = requireString(fields, 'id', source);
  if (!STEP_ID.test(id)) {
    throw invalid(source, `id "${id}" must look like "<track>/<two digits>-<slug>", e.g. "code-flow/09-pkce".`);
  }
  const number = fields['number'];
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw invalid(source, 'front matter field "number" must be a positive whole number.');
  }
  const title = requireString(fields, 'title', source);
  const recognizers = recognizerList(fields, source);
  const checks = checkList(fields, source);
  const specs = specList(fields, source);
  const inferredFrom = optionalString(fields, 'inferredFrom', source);
  const scenario = optionalString(fields, 'scenario', source);
  if (scenario !== undefined && !SCENARIO.test(scenario)) {
    throw invalid(source, `scenario "${scenario}" must be a kebab-case scenario name.`);
  }
  const fromProtocol = fields['fromProtocol'];
  if (fromProtocol !== undefined && typeof fromProtocol !== 'boolean') {
    throw invalid(source, 'front matter field "fromProtocol" must be true or false.');
  }
  if (recognizers.length === 0 && inferredFrom === undefined) {
    throw invalid(
      source,
      'a step needs recognizers that mark it, or "inferredFrom" naming the step it is marked from.',
    );
  }
  const trimmed = body
    .replace(/^[ \t]*<!--[\s\S]*?-->[ \t]*(?:\r?\n|$)/gm, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  if (trimmed === '') {
    throw new LessonError('lesson.body-empty', source, 'the step has no text after its front matter.');
  }
  const step: LessonStep = { id, number, title, recognizers, checks, body: trimmed + '\n', specs };
  if (inferredFrom !== undefined) step.inferredFrom = inferredFrom;
  if (scenario !== undefined) step.scenario = scenario;
  if (fromProtocol === true) step.fromProtocol = true;
  return step;
}
