// Where the files the CLI reads at run time live: the repository's folders from source, the same paths in the package.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * From source this module is proxy/src/shipped-files.ts; in the installed package it is bundled into dist/*.js, and
 * the package keeps the repository's relative paths for what it ships (inspector/dist, lessons/tracks, …).
 */
const BUNDLED = !import.meta.url.endsWith('.ts');

/** The repository's root, or the installed package's root. */
export const INSTALL_ROOT = fileURLToPath(new URL(BUNDLED ? '../' : '../../', import.meta.url));

/** A shipped file or folder, by its path relative to the repository's root. */
export function shippedPath(...segments: string[]): string {
  return join(INSTALL_ROOT, ...segments);
}

/** The preload `oauth-inspector run` gives Node programs: plain JS from source, bundled with undici in the package. */
export const FETCH_PRELOAD = BUNDLED
  ? shippedPath('dist', 'fetch-through-proxy.js')
  : shippedPath('proxy', 'src', 'preload', 'fetch-through-proxy.mjs');

export const SHIPPED = {
  inspectorDist: shippedPath('inspector', 'dist'),
  recordings: shippedPath('lessons', 'recordings'),
  tracks: shippedPath('lessons', 'tracks'),
  spaDist: shippedPath('sample-spa', 'dist'),
} as const;
