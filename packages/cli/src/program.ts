import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { wholeNumber } from './args.js';
import type { GlobalOptions } from './context.js';
import { resolveOutput } from './output.js';
import { registerApply } from './commands/apply.js';
import { registerCompletion } from './commands/completion.js';
import { registerDaemon } from './commands/daemon.js';
import { registerDoctor } from './commands/doctor.js';
import { registerExperiment } from './commands/experiment.js';
import { registerFaults } from './commands/faults.js';
import { registerFeatures } from './commands/features.js';
import { registerHistory } from './commands/history.js';
import { registerLatency } from './commands/latency.js';
import { registerPlan, registerRun } from './commands/run.js';
import { registerProbe } from './commands/probe.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerReport } from './commands/report.js';
import { registerScan } from './commands/scan.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';

/**
 * Every command of `simian`, one line each, in the order `--help` lists them. A command is one
 * file in commands/ exporting `registerNAME(program)`; at its top it imports only commander, types
 * (`import type`) and the CLI's light modules (args, context, output, exit-codes, registry), and
 * its action imports what it needs with `await import()`. ESLint holds every file of the CLI to
 * that (a value import of another package is an error), so `simian --help` loads none of them.
 */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerValidate,
  registerSchema,
  registerSchedule,
  registerPlan,
  registerRun,
  registerApply,
  registerDaemon,
  registerHistory,
  registerSandbox,
  registerScan,
  registerReport,
  registerExperiment,
  registerDoctor,
  registerFaults,
  registerLatency,
  registerFeatures,
  registerProbe,
  registerCompletion,
];

const HELP_AFTER = `
How a run goes: inventory -> plan -> safety gate -> apply -> verify -> report.
Destructive monkeys stay in dry-run until simian.yaml (or --no-dry-run) says otherwise, and every
action passes the safety gate: scope, opt-in/opt-out, protected resources, blast radius, windows,
minimum time between actions, kill switch (${'$'}SIMIAN_KILL_SWITCH=1 or the file .simian/KILL).

Exit codes: 0 ok, 1 findings at or above --fail-on or a failed run, 2 bad input (nothing was
done), 3 a target could not be reached, 130 interrupted (reversible faults rolled back).

Start here:
  simian sandbox up && simian sandbox seed     a real local cluster and AWS endpoint
  simian validate                              check simian.yaml
  simian plan                                  what would happen now, and what the gate holds back
  simian run --once                            act on what is due (as a CronJob)

Docs: docs/getting-started.md, docs/configuration.md, docs/safety.md
`;

/** The version of this simian, from its package.json (src/ and dist/ sit beside it alike). */
export function simianVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The `simian` command with every subcommand registered. Loads no command's dependencies. */
export function buildProgram(): Command {
  const program = new Command('simian')
    .description('Monkeys that keep Kubernetes clusters and AWS accounts honest.')
    .version(`simian ${simianVersion()}`, '-V, --version', 'print the version and exit')
    .option('-c, --config <file>', 'config file (default: $SIMIAN_CONFIG, else ./simian.yaml)')
    .option(
      '-o, --output <format>',
      "the report's format: table for people (the default), json for machines; findings also as html, pdf, markdown, csv, sarif, junit, ocsf, policyreport, openreports; `simian COMMAND --help` lists a command's own",
    )
    .option(
      '--output-file <path>',
      'write the report to this file instead of stdout (stdout then shows the table, if any)',
    )
    .option(
      '--max-file-size <MiB>',
      'the largest file (config, plan, experiment, manifest, stdin) read (default 16)',
      wholeNumber(1, 4096),
    )
    .addOption(
      new Option('--log-level <level>', 'log level (logs go to stderr)').choices([
        'trace',
        'debug',
        'info',
        'warn',
        'error',
        'silent',
      ]),
    )
    .addOption(
      new Option('--log-format <format>', 'log format').choices(['json', 'pretty', 'auto']),
    )
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', HELP_AFTER);
  program.exitOverride();
  program.hook('preAction', async (_program, command) => {
    const opts = program.opts<GlobalOptions>();
    if (opts.maxFileSize !== undefined) {
      const { setInputLimits } = await import('@simian/core');
      setInputLimits({ maxBytes: opts.maxFileSize * 1024 * 1024 });
    }
    // A format the command cannot give is refused before it does anything (exit 2). Without
    // output flags there is nothing to check, and nothing is loaded for it.
    const o = command.optsWithGlobals<{
      output?: string;
      outputFile?: string;
      reporter?: string[];
    }>();
    if (o.output !== undefined || o.outputFile !== undefined || (o.reporter?.length ?? 0) > 0)
      await resolveOutput(command);
  });
  for (const register of COMMANDS) register(program);
  return program;
}
