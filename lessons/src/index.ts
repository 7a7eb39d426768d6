// The public face of lessons/: the pure parsers (safe in the browser) and their types. Node loading is in load-track-node.ts.
export { LessonError } from './lesson-error.ts';
export type { LessonErrorCode } from './lesson-error.ts';
export { parseLesson } from './parse-lesson.ts';
export type { LessonStep } from './parse-lesson.ts';
export { parseManifest, parseTrack, tracksFromFiles, toTrackDefinition } from './parse-track.ts';
export type { LessonTrack, TrackManifest } from './parse-track.ts';
