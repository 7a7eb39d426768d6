// Reads lesson tracks from lessons/tracks/ on disk (for the CLI and tests) and parses them with the pure parsers.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LessonError } from './lesson-error.ts';
import { parseTrack } from './parse-track.ts';
import type { LessonTrack } from './parse-track.ts';

/** The folder holding one sub-folder per track. */
export const TRACKS_DIR = fileURLToPath(new URL('../tracks/', import.meta.url));

/** Ids of the tracks on disk (folders with a manifest.yaml), sorted. */
export async function listTracks(tracksDir = TRACKS_DIR): Promise<string[]> {
  const entries = await readdir(tracksDir, { withFileTypes: true });
  const ids: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const files = await readdir(join(tracksDir, entry.name));
    if (files.includes('manifest.yaml')) ids.push(entry.name);
  }
  return ids.sort();
}

/** Loads and validates one track; an unknown id gets a LessonError (`track.not-found`) naming the tracks there are. */
export async function loadTrack(id: string, tracksDir = TRACKS_DIR): Promise<LessonTrack> {
  const known = await listTracks(tracksDir);
  if (!known.includes(id)) {
    throw new LessonError(
      'track.not-found',
      id,
      `there is no lesson track with this id; known tracks: ${known.join(', ')}.`,
    );
  }
  const dir = join(tracksDir, id);
  const manifest = await readFile(join(dir, 'manifest.yaml'), 'utf8');
  const stepTexts: Record<string, string> = {};
  for (const file of await readdir(dir)) {
    if (file.endsWith('.md')) stepTexts[file] = await readFile(join(dir, file), 'utf8');
  }
  return parseTrack(manifest, stepTexts, `${id}/manifest.yaml`);
}

/** Loads every track on disk. */
export async function loadAllTracks(tracksDir = TRACKS_DIR): Promise<LessonTrack[]> {
  const ids = await listTracks(tracksDir);
  return Promise.all(ids.map((id) => loadTrack(id, tracksDir)));
}
