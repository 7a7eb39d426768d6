// Writes lessons/test-fixtures/seed-shingles.txt: hashes of every 7-word run of the seed articles, so the "own words" test runs inside the repository without a copy of the articles.
// Run: node scripts/seed-shingles.mjs [seeds folder, default ../shared/seeds]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUN = 7;
const seedsDir = process.argv[2] ?? fileURLToPath(new URL('../../shared/seeds/', import.meta.url));
const out = fileURLToPath(new URL('../lessons/test-fixtures/seed-shingles.txt', import.meta.url));

/** Lower-case words, as the test splits them. */
const words = (text) => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
/** The same short hash the test computes for a run of words. */
const hash = (run) => createHash('sha256').update(run).digest('hex').slice(0, 12);

const seed = words(
  readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(seedsDir, f), 'utf8'))
    .join(' '),
);
const hashes = new Set();
for (let i = 0; i + RUN <= seed.length; i++) hashes.add(hash(seed.slice(i, i + RUN).join(' ')));
const header = `# sha256 (first 12 hex) of every ${RUN}-word run of the seed articles; made by scripts/seed-shingles.mjs\n`;
writeFileSync(out, header + [...hashes].sort().join('\n') + '\n');
console.log(`${hashes.size} runs written to ${out}`);
