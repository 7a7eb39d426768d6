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
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
