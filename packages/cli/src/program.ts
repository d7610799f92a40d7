import { Command, Option } from 'commander';
import { registerApply } from './commands/apply.js';
import { registerDaemon } from './commands/daemon.js';
import { registerFaults } from './commands/faults.js';
import { registerHistory } from './commands/history.js';
import { registerLatency } from './commands/latency.js';
import { registerPlan, registerRun } from './commands/run.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerScan } from './commands/scan.js';
import { registerExperiment } from './commands/experiment.js';
import { registerDoctor } from './commands/doctor.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';

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

Docs: docs/getting-started.md, docs/configuration.md, docs/safety.md`;

/** The `simian` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('simian')
    .description('Monkeys that keep Kubernetes clusters and AWS accounts honest.')
    .option('-c, --config <file>', 'config file (or $SIMIAN_CONFIG)', 'simian.yaml')
    .addOption(
      new Option(
        '-o, --output <format>',
        'table for people, json for machines; scan also writes junit and sarif',
      )
        .choices(['table', 'json', 'junit', 'sarif'])
        .default('table'),
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
  registerValidate(program);
  registerSchema(program);
  registerSchedule(program);
  registerPlan(program);
  registerRun(program);
  registerApply(program);
  registerDaemon(program);
  registerHistory(program);
  registerSandbox(program);
  registerScan(program);
  registerExperiment(program);
  registerDoctor(program);
  registerFaults(program);
  registerLatency(program);
  return program;
}
