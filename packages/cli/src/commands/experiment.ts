import { Option, type Command } from 'commander';
import {
  abortOnSignals,
  buildProviders,
  createExperimentTargets,
  newRunId,
  createLogger,
  Store,
} from '@simian/core';
import {
  checkExperiment,
  experimentExitCode,
  loadExperimentFile,
  ROLLBACK_STRATEGIES,
  runExperiment,
  secretValues,
  validateExperiment,
  writeJournalFile,
  type ActivityRegistry,
  type JournalStatus,
} from '@simian/experiments';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';
import { defaultActivities } from '../registry.js';

export function registerExperiment(program: Command): void {
  const experiment = program
    .command('experiment')
    .description('Run Chaos Toolkit experiments (JSON or YAML) natively, without Python.')
    .addHelpText(
      'after',
      "\nThe journal has Chaos Toolkit's structure, so tools that read its journals read Simian's.\nSee docs/experiments.md for the native activities and the chaosk8s/chaosprometheus name map.",
    );

  const validate = experiment
    .command('validate <file>')
    .description('Check an experiment and list which activities run natively and which do not.')
    .action((file: string, _o: unknown, command: Command) => {
      const out = commandOutput(command);
      const report = validateExperiment(file, { activities: defaultActivities() });
      out.write({ kind: 'experiment-check', data: report });
      process.exitCode = report.errors.length === 0 ? EXIT.OK : EXIT.BAD_INPUT;
    });
  withOutput(validate, ['experiment-check']);

  const run = experiment
    .command('run <file>')
    .description('Run an experiment: steady state, method, steady state again, rollbacks.')
    .addOption(
      new Option(
        '--rollback-strategy <strategy>',
        'when rollbacks run (default: the experiment\'s own, else "default")',
      ).choices([...ROLLBACK_STRATEGIES]),
    )
    .option('--journal-path <file>', 'where to write the journal', 'journal.json')
    .option('--dry-run', 'run probes, skip actions (Chaos Toolkit --dry=actions)')
    .addHelpText(
      'after',
      '\nSIGINT/SIGTERM stop the method and run the rollbacks (unless the strategy is "never");\nthe journal then ends as "interrupted". Exit 1 when the experiment failed or deviated.\nchaosk8s.* activities act on the clusters of --config\'s targets.kubernetes; every change\nthey make passes the safety gate (kill switch, scope, protected, opt-out) and the ledger.\n\nExample:\n  simian --config deploy/examples/sandbox/simian.yaml experiment run \\\n    deploy/examples/experiments/kill-pod-probe-service.yaml --rollback-strategy always',
    )
    .action(
      async (
        file: string,
        o: {
          rollbackStrategy?: (typeof ROLLBACK_STRATEGIES)[number];
          journalPath: string;
          dryRun?: boolean;
        },
        command: Command,
      ) => {
        const out = commandOutput(command);
        const opts = program.opts<GlobalOptions>();
        const activities: ActivityRegistry = defaultActivities();
        const exp = loadExperimentFile(file, { activities });
        const secrets = secretValues(checkExperiment(exp, { activities }).secrets);
        // A simian.yaml is optional here: with one, the journal is also kept in its store.
        const hasConfig = existsSync(resolve(opts.config ?? 'simian.yaml'));
        const ctx = hasConfig ? loadContext(opts) : undefined;
        const logger = createLogger({
          level: opts.logLevel ?? 'info',
          format: opts.logFormat ?? 'auto',
          secrets: [...secrets, ...(ctx?.config.source.secrets ?? [])],
        });
        const store: Store | undefined = ctx?.openStore();
        const { signal, dispose } = abortOnSignals();
        const journalId = newRunId();
        // With a config, activities that act on clusters reach them through its targets, gated
        // and written to the ledger; --dry-run passes the APIs' own dry-run to those actions.
        const providers = ctx ? buildProviders(ctx.config, ctx.registry, logger) : [];
        const targets =
          ctx && store
            ? createExperimentTargets({
                config: ctx.config,
                providers,
                store,
                runId: journalId,
                dryRun: o.dryRun === true,
                signal,
                logger,
                reporters: ctx.reporters,
              })
            : undefined;
        const startedAt = new Date().toISOString();
        await targets?.session.open(['experiment'], o.dryRun === true);
        let status: JournalStatus = 'failed';
        try {
          const journal = await runExperiment(exp, {
            activities,
            signal,
            logger,
            journalId,
            ...(targets ? { targets } : {}),
            ...(store ? { store } : {}),
            ...(o.rollbackStrategy ? { rollbackStrategy: o.rollbackStrategy } : {}),
            ...(o.dryRun ? { dryRun: true } : {}),
            ...(ctx ? { redact: ctx.config.source.secrets } : {}),
          });
          status = journal.status ?? 'failed';
          writeJournalFile(o.journalPath, journal);
          out.write({
            kind: 'experiment-run',
            data: { title: exp.title, journal, journalPath: o.journalPath },
          });
          process.exitCode =
            journal.status === 'interrupted' ? EXIT.INTERRUPTED : experimentExitCode(journal);
        } finally {
          dispose();
          // Removes any fault the experiment left in place, and records the run's end.
          await targets?.session.close({
            runId: journalId,
            status,
            dryRun: o.dryRun === true,
            startedAt,
            endedAt: startedAt,
            monkeys: [],
            incomplete: [],
          });
          await ctx?.flushReporters();
          await Promise.all(providers.map(async (p) => p.close?.()));
          store?.close();
        }
      },
    );
  withOutput(run, ['experiment-run']);
}
