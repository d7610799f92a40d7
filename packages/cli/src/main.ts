import { CommanderError } from 'commander';
import { isSimianError } from '@simian/core';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';

function exitCodeForError(e: unknown): number {
  if (!isSimianError(e)) return EXIT.FINDINGS_OR_FAILED;
  if (e.code.startsWith('TARGET')) return EXIT.TARGET;
  if (e.code === 'INTERRUPTED') return EXIT.INTERRUPTED;
  if (e.code === 'ACTION_FAILED' || e.code === 'STORE') return EXIT.FINDINGS_OR_FAILED;
  return EXIT.BAD_INPUT;
}

// `simian schema | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// The AWS SDK warns once per process that Node 20 support ends; that says nothing about the run,
// and a CronJob's log is not the place for it. Every other warning is still printed.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!`${w.name} ${w.message}`.includes('NodeVersionSupportWarning'))
    process.stderr.write(`${w.name}: ${w.message}\n`);
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Commander has printed its message already; --help and --version are not errors.
    process.exitCode = e.exitCode === 0 ? 0 : EXIT.BAD_INPUT;
  } else if (isSimianError(e)) {
    process.stderr.write(`simian: ${e.describe()}\n`);
    process.exitCode = exitCodeForError(e);
  } else {
    process.stderr.write(`simian: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = EXIT.FINDINGS_OR_FAILED;
  }
}
