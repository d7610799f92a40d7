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

/**
 * Runs `simian ARGS` (`argv` as process.argv has it) and returns its exit code. Every error ends
 * as one line on stderr (and a hint): a SimianError as it describes itself, a usage error as
 * commander words it, anything else as "unexpected error" without a stack trace unless
 * SIMIAN_DEBUG=1. The fuzz suite runs it in-process, many times over.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    if (asksForCommandHelp(argv.slice(2))) await loadReporting();
    await buildProgram().parseAsync([...argv]);
    return Number(process.exitCode ?? EXIT.OK);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has printed its message already; --help and --version are not errors.
      return e.exitCode === 0 ? EXIT.OK : EXIT.BAD_INPUT;
    }
    const known = await asSimianError(e);
    if (known) {
      process.stderr.write(`simian: ${known.describe()}\n`);
      return exitCodeForError(known);
    }
    // A bug: one line for the user, the stack only when asked for.
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      `simian: unexpected error: ${message.split('\n')[0]}\n  hint: this is a bug in simian; SIMIAN_DEBUG=1 prints where it happened\n`,
    );
    if (process.env['SIMIAN_DEBUG'] === '1' && e instanceof Error && e.stack)
      process.stderr.write(`${e.stack}\n`);
    return EXIT.FINDINGS_OR_FAILED;
  } finally {
    process.exitCode = undefined;
  }
}
