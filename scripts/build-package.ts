// Builds the installable package: the CLI bundled with esbuild, the built inspector and lessons beside it, then npm pack.
//
//   npm run package                     builds everything, stages dist/package/, writes oauth-inspector-<version>.tgz
//
// The package has no dependencies: every module the CLI runs (http-mitm-proxy, ws, oidc-provider, …) is in its
// bundle, so installing the tarball needs no registry. It keeps the repository's relative paths for what it ships
// (inspector/dist, lessons/tracks, lessons/recordings, sample-spa/dist), which proxy/src/shipped-files.ts relies on.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'proxy', 'bin');

/** Built folders the package ships, by their path in the repository (and in the package). */
const SHIPPED_FOLDERS = ['inspector/dist', 'sample-spa/dist', 'lessons/tracks', 'lessons/recordings'] as const;

/** The CLI and the `run` preload, as ESM chunks in `<dir>/dist`; the sample world is a chunk of its own, loaded on use. */
export async function bundleCli(dir: string): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: {
      main: 'proxy/src/cli/main.ts',
      'fetch-through-proxy': 'proxy/src/preload/fetch-through-proxy.mjs',
    },
    outdir: join(dir, 'dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // ws loads these native helpers only if they are installed; without them it uses its own JavaScript.
    external: ['bufferutil', 'utf-8-validate'],
    // CommonJS dependencies (http-mitm-proxy, node-forge) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    legalComments: 'eof',
    // Smaller to compile at every start; names kept, for errors and the libraries that read them.
    minify: true,
    keepNames: true,
    logLevel: 'warning',
  });
}

async function manifest(): Promise<Record<string, unknown>> {
  const root = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  return {
    name: 'oauth-inspector',
    version: root.version,
    description: root.description,
    type: 'module',
    bin: { 'oauth-inspector': 'bin/oauth-inspector.js' },
    files: ['bin', 'dist', ...SHIPPED_FOLDERS],
    engines: root.engines,
  };
}

/** Stages the whole package in `dir` (emptied first). Needs `npm run build` first, for the inspector and the SPA. */
export async function stagePackage(dir: string): Promise<void> {
  for (const folder of SHIPPED_FOLDERS) {
    if (!existsSync(join(ROOT, folder))) throw new Error(`${folder} is missing: run npm run build first.`);
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'bin'), { recursive: true });
  await bundleCli(dir);
  for (const folder of SHIPPED_FOLDERS) await cp(join(ROOT, folder), join(dir, folder), { recursive: true });
  await cp(join(BIN, 'launch.js'), join(dir, 'bin', 'launch.js'));
  await cp(join(BIN, 'oauth-inspector-package.js'), join(dir, 'bin', 'oauth-inspector.js'));
  await cp(join(ROOT, 'README.md'), join(dir, 'README.md'));
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(await manifest(), null, 2)}\n`);
}

/** Packs a staged package into `destination`; returns the tarball's path. */
export async function packPackage(dir: string, destination: string): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: dir,
  });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack printed no tarball: ${stdout}`);
  return join(destination, packed.filename);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const staged = join(ROOT, 'dist', 'package');
  await stagePackage(staged);
  process.stdout.write(`${await packPackage(staged, ROOT)}\n`);
}
