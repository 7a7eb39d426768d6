// Loads the lesson tracks bundled from lessons/tracks (Vite raw imports) through the lessons package's pure parsers.
import { tracksFromFiles, toTrackDefinition, type LessonTrack } from '@oauth-inspector/lessons';
import type { TrackDefinition } from '@oauth-inspector/core';

const files = import.meta.glob('../../lessons/tracks/**/*.{md,yaml}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface LoadedTracks {
  tracks: LessonTrack[];
  /** One sentence when the lesson files could not be read (the inspector still works without them). */
  error?: string;
}

let cache: LoadedTracks | undefined;

export function loadTracks(): LoadedTracks {
  if (cache) return cache;
  try {
    cache = { tracks: tracksFromFiles(files) };
  } catch (error) {
    cache = {
      tracks: [],
      error: `The lesson texts could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return cache;
}

export function trackDefinition(track: LessonTrack | undefined): TrackDefinition | undefined {
  return track ? toTrackDefinition(track) : undefined;
}

export type { LessonTrack };
