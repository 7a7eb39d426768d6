#!/usr/bin/env node
// Entry point of the oauth-inspector command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

// `oauth-inspector analyze x.har | head` closes our output early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
let main;
try {
  ({ main } = await import('../src/cli/main.ts'));
} catch (error) {
  // A missing dependency (say, the sample world's) is a broken install, said in one sentence rather than a stack.
  const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(
    `oauth-inspector cannot load its code (${why}): run npm install in the repository, then try again.\n`,
  );
  if (process.env.OAUTH_INSPECTOR_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
