// Turns a track manifest and its step files into a validated LessonTrack (TrackDefinition + texts). Pure: no I/O.
import { parseDocument } from 'yaml';
import type { TrackDefinition, TrackStep } from '@oauth-inspector/core/analysis/types.ts';
import { LessonError } from './lesson-error.ts';
import { parseLesson } from './parse-lesson.ts';
import type { LessonStep } from './parse-lesson.ts';

/** A track as the inspector and CLI use it: the analyzer's TrackDefinition plus each step's text and links. */
export interface LessonTrack extends TrackDefinition {
  /** One or two sentences on what the track teaches. */
  summary: string;
  steps: LessonStep[];
}

export interface TrackManifest {
  id: string;
  title: string;
  summary: string;
  /** Step file names, in order, relative to the manifest. */
  steps: string[];
  /** Whose messages the steps are: a browser app's (the default) or any client's (see TrackDefinition.clients). */
  clients?: 'browser' | 'any';
}

const TRACK_ID = /^[a-z0-9-]+$/;
const STEP_FILE = /^\d{2}-[a-z0-9-]+\.md$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses `manifest.yaml`: `id`, `title`, `summary` and the ordered list of step files. */
export function parseManifest(text: string, source = 'manifest.yaml'): TrackManifest {
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: false });
  const firstError = document.errors[0];
  if (firstError) {
    throw new LessonError(
      'track.manifest-yaml',
      source,
      `the manifest is not valid YAML: ${firstError.message.split('\n')[0]}`,
    );
  }
  const raw: unknown = document.toJS();
  if (!isRecord(raw))
    throw new LessonError(
      'track.manifest-invalid',
      source,
      'the manifest must be a YAML mapping with id, title, summary and steps.',
    );
  const { id, title, summary, steps, clients } = raw;
  if (clients !== undefined && clients !== 'browser' && clients !== 'any') {
    throw new LessonError('track.manifest-invalid', source, '"clients" must be "browser" or "any".');
  }
  if (typeof id !== 'string' || !TRACK_ID.test(id)) {
    throw new LessonError('track.manifest-invalid', source, '"id" must be a kebab-case track id such as "code-flow".');
  }
  for (const [name, value] of [
    ['title', title],
    ['summary', summary],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new LessonError('track.manifest-invalid', source, `"${name}" must be a non-empty string.`);
    }
  }
  if (
    !Array.isArray(steps) ||
    steps.length === 0 ||
    !steps.every((s): s is string => typeof s === 'string' && STEP_FILE.test(s))
  ) {
    throw new LessonError(
      'track.manifest-invalid',
      source,
      '"steps" must list the step files in order, each named like "01-some-step.md".',
    );
  }
  return {
    id,
    title: (title as string).trim(),
    summary: (summary as string).trim(),
    steps,
    ...(clients ? { clients } : {}),
  };
}

function checkSteps(trackId: string, steps: LessonStep[]): void {
  const ids = new Set<string>();
  const numbers = new Set<number>();
  steps.forEach((step, index) => {
    if (ids.has(step.id)) throw new LessonError('track.duplicate', trackId, `step id "${step.id}" appears twice.`);
    if (numbers.has(step.number))
      throw new LessonError('track.duplicate', trackId, `step number ${step.number} appears twice.`);
    ids.add(step.id);
    numbers.add(step.number);
    if (step.number !== index + 1) {
      throw new LessonError(
        'track.numbering',
        trackId,
        `step "${step.id}" has number ${step.number} but is listed at position ${index + 1}.`,
      );
    }
  });
  for (const step of steps) {
    if (step.inferredFrom === undefined) continue;
    if (step.inferredFrom === step.id || !ids.has(step.inferredFrom)) {
      throw new LessonError(
        'track.inferred-from-unknown',
        trackId,
        `step "${step.id}" is inferred from "${step.inferredFrom}", which is not another step of this track.`,
      );
    }
    const target = steps.find((s) => s.id === step.inferredFrom);
    if (target?.inferredFrom !== undefined) {
      throw new LessonError(
        'track.inferred-from-unknown',
        trackId,
        `step "${step.id}" is inferred from "${step.inferredFrom}", which is itself inferred; name a step with messages of its own.`,
      );
    }
  }
}

/**
 * Builds a track from its manifest text and a map of step file name → file text. Throws LessonError when a
 * listed file is missing, a step's id does not match its file, ids or numbers repeat, numbering has gaps, or
 * `inferredFrom` names no step of the track.
 */
export function parseTrack(
  manifestText: string,
  stepTexts: Readonly<Record<string, string>>,
  source = 'manifest.yaml',
): LessonTrack {
  const manifest = parseManifest(manifestText, source);
  const steps = manifest.steps.map((file) => {
    const text = stepTexts[file];
    const where = `${manifest.id}/${file}`;
    if (text === undefined)
      throw new LessonError(
        'track.step-file-missing',
        where,
        'the manifest lists this step file but it was not found.',
      );
    const step = parseLesson(text, where);
    const expectedId = `${manifest.id}/${file.replace(/\.md$/, '')}`;
    if (step.id !== expectedId) {
      throw new LessonError(
        'track.step-mismatch',
        where,
        `the step id is "${step.id}" but its file name makes it "${expectedId}".`,
      );
    }
    return step;
  });
  checkSteps(manifest.id, steps);
  const clients = manifest.clients ? { clients: manifest.clients } : {};
  return { id: manifest.id, title: manifest.title, summary: manifest.summary, steps, ...clients };
}

/**
 * Builds every track from a flat map of path → text, such as Vite's
 * `import.meta.glob('…/tracks/**\/*', { query: '?raw', import: 'default', eager: true })`. Paths are grouped by the
 * folder under `tracks/`; files outside a track folder with a manifest are ignored. Tracks come back sorted by id.
 */
export function tracksFromFiles(files: Readonly<Record<string, string>>): LessonTrack[] {
  const byTrack = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const match = /(?:^|\/)tracks\/([^/]+)\/([^/]+)$/.exec(path.replace(/\\/g, '/'));
    if (!match) continue;
    const [, folder = '', file = ''] = match;
    const group = byTrack.get(folder) ?? {};
    group[file] = text;
    byTrack.set(folder, group);
  }
  const tracks: LessonTrack[] = [];
  for (const [folder, group] of [...byTrack].sort(([a], [b]) => a.localeCompare(b))) {
    const manifest = group['manifest.yaml'];
    if (manifest === undefined) continue;
    const track = parseTrack(manifest, group, `${folder}/manifest.yaml`);
    if (track.id !== folder) {
      throw new LessonError(
        'track.manifest-invalid',
        `${folder}/manifest.yaml`,
        `the manifest id "${track.id}" must equal its folder name "${folder}".`,
      );
    }
    tracks.push(track);
  }
  return tracks;
}

/** The part the analyzer needs: ids, titles, recognizers, checks and inference, without texts. */
export function toTrackDefinition(track: LessonTrack): TrackDefinition {
  const steps = track.steps.map(({ id, number, title, recognizers, checks, inferredFrom }): TrackStep => {
    const step: TrackStep = { id, number, title, recognizers: [...recognizers], checks: [...checks] };
    if (inferredFrom !== undefined) step.inferredFrom = inferredFrom;
    return step;
  });
  return { id: track.id, title: track.title, steps, ...(track.clients ? { clients: track.clients } : {}) };
}
