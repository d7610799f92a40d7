import { CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { loadReporting } from './output.js';
import { buildProgram } from './program.js';

// Light on purpose: `simian --help` is commander and the CLI's own files. Core, the features and
// the SDKs are imported by the command that needs them.

type SimianErrorLike = Error & { code: string; describe(): string };

async function asSimianError(e: unknown): Promise<SimianErrorLike | undefined> {
  if (!(e instanceof Error)) return undefined;
  const { isSimianError } = await import('@simian/core');
  return isSimianError(e) ? (e as SimianErrorLike) : undefined;
}

function exitCodeForError(e: SimianErrorLike): number {
  if (e.code.startsWith('TARGET')) return EXIT.TARGET;
  if (e.code === 'INTERRUPTED') return EXIT.INTERRUPTED;
  if (e.code === 'ACTION_FAILED' || e.code === 'STORE') return EXIT.FINDINGS_OR_FAILED;
  return EXIT.BAD_INPUT;
}

/** `simian scan --help` names its formats, which @simian/reporting knows: load it first then. */
function asksForCommandHelp(args: readonly string[]): boolean {
  const help = args.some((a) => a === '--help' || a === '-h') || args[0] === 'help';
  return help && args.some((a) => !a.startsWith('-') && a !== 'help');
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
  if (asksForCommandHelp(process.argv.slice(2))) await loadReporting();
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  const known = e instanceof CommanderError ? undefined : await asSimianError(e);
  if (e instanceof CommanderError) {
    // Commander has printed its message already; --help and --version are not errors.
    process.exitCode = e.exitCode === 0 ? 0 : EXIT.BAD_INPUT;
  } else if (known) {
    process.stderr.write(`simian: ${known.describe()}\n`);
    process.exitCode = exitCodeForError(known);
  } else {
    // A bug: one line for the user, the stack only when asked for (SIMIAN_DEBUG=1).
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      `simian: unexpected error: ${message.split('\n')[0]}\n  hint: this is a bug in simian; SIMIAN_DEBUG=1 prints where it happened\n`,
    );
    if (process.env['SIMIAN_DEBUG'] === '1' && e instanceof Error && e.stack)
      process.stderr.write(`${e.stack}\n`);
    process.exitCode = EXIT.FINDINGS_OR_FAILED;
  }
}

// The command has ended: a socket or timer something left open must not keep the process (and the
// CronJob) alive. The timer is unref'd, so a process with nothing left open exits at once.
setTimeout(() => process.exit(), 2000).unref();
