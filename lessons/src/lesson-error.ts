// The one error type of lessons/: a stable code, the file it concerns, and one clear sentence.

export type LessonErrorCode =
  | 'lesson.front-matter-missing'
  | 'lesson.front-matter-yaml'
  | 'lesson.field-invalid'
  | 'lesson.unknown-recognizer'
  | 'lesson.unknown-check'
  | 'lesson.spec-missing'
  | 'lesson.body-empty'
  | 'track.manifest-yaml'
  | 'track.manifest-invalid'
  | 'track.step-file-missing'
  | 'track.step-mismatch'
  | 'track.duplicate'
  | 'track.numbering'
  | 'track.inferred-from-unknown'
  | 'track.not-found';

export class LessonError extends Error {
  override readonly name = 'LessonError';
  constructor(
    readonly code: LessonErrorCode,
    /** The file (or track) the problem is in, as the caller named it. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}
