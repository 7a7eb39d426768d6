// Lint: no source file over 300 lines and no function over 80 lines (data tables and tests excepted).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
/** Source folders whose files are held to the limits; tests, benches and generated data are not. */
const ROOTS = /^(core|lessons|auth-server|sample-api|sample-spa|proxy|inspector|http-listen)\/(src|server)\//;
const EXEMPT = /(\.test\.ts$|\/testing\/|-table\.ts$|\.d\.ts$)/;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => ROOTS.test(f) && !EXEMPT.test(f));

const problems = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed by git but deleted in the working tree
  }
  const lines = text.split('\n').length;
  if (lines > MAX_FILE_LINES) problems.push(`${file}: ${lines} lines (limit ${MAX_FILE_LINES})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      const length = end - start + 1;
      if (length > MAX_FUNCTION_LINES) {
        const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
        problems.push(`${file}:${start + 1}: function ${name} is ${length} lines (limit ${MAX_FUNCTION_LINES})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

if (problems.length) {
  console.error(`Size limits: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(
  `Size limits: ${files.length} source files within ${MAX_FILE_LINES} lines, functions within ${MAX_FUNCTION_LINES}.`,
);
