// Runs the CLI for both entry points (the repository's bin and the installed package's): output, load errors, exit code.

/**
 * `loadMain` imports the module exporting `main(argv)`; `fix` is what to do when that import fails (a broken install).
 * @param {() => Promise<{ main: (argv: string[]) => Promise<number> }>} loadMain
 * @param {string} fix
 */
export async function launch(loadMain, fix) {
  // `oauth-inspector analyze x.har | head` closes our output early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  let main;
  try {
    ({ main } = await loadMain());
  } catch (error) {
    // A missing dependency (say, the sample world's) is a broken install, said in one sentence rather than a stack.
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`oauth-inspector cannot load its code (${why}): ${fix}\n`);
    if (process.env.OAUTH_INSPECTOR_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exit(1);
  }
  process.exitCode = await main(process.argv.slice(2));
}
