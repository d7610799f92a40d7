import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { JournalStatus, RollbackStrategy } from '@simian/experiments';
import { chooseConfig, loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';
import { loadActivities } from '../registry.js';
import { checkWritable } from './run.js';

/** The experiments package's ROLLBACK_STRATEGIES, spelled here for --help; a test holds them equal. */
export const EXPERIMENT_ROLLBACK_STRATEGIES: readonly RollbackStrategy[] = [
  'default',
  'always',
  'never',
  'deviated',
];

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
    .action(async (file: string, _o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const { validateExperiment } = await import('@simian/experiments');
      const report = validateExperiment(file, { activities: await loadActivities() });
      out.write({ kind: 'experiment-check', data: report });
      process.exitCode = report.errors.length === 0 ? EXIT.OK : EXIT.BAD_INPUT;
    });
  withOutput(validate, ['experiment-check']);

  const run = experiment
    .command('run <source>')
    .description(
      'Run an experiment (a file, or configmap://NAMESPACE/NAME/KEY): steady state, method, steady state again, rollbacks.',
    )
    .addOption(
      new Option(
        '--rollback-strategy <strategy>',
        `when rollbacks run: ${EXPERIMENT_ROLLBACK_STRATEGIES.join(', ')} (default: the experiment's own, else "default")`,
      ).choices(EXPERIMENT_ROLLBACK_STRATEGIES),
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
          rollbackStrategy?: RollbackStrategy;
          journalPath: string;
          dryRun?: boolean;
        },
        command: Command,
      ) => {
        const out = await commandOutput(command);
        const opts = program.opts<GlobalOptions>();
        // Before anything runs: a journal that could not be written at the end is said now.
        await checkWritable('--journal-path', o.journalPath);
        const core = await import('@simian/core');
        const experiments = await import('@simian/experiments');
        // A simian.yaml is optional here: with one, the journal is also kept in its store. One
        // named by --config or $SIMIAN_CONFIG must exist; only ./simian.yaml may be absent.
        const choice = chooseConfig(opts);
        const ctx =
          choice.from !== 'default' || existsSync(choice.path)
            ? await loadContext(opts)
            : undefined;
        const activities = await loadActivities(ctx?.registry);
        // A file, or configmap://ns/name/key (read from the cluster of targets.kubernetes).
        const { loadExperimentSource } = await import('../experiment-source.js');
        const exp = await loadExperimentSource(file, {
          activities,
          ...(ctx ? { config: ctx.config } : {}),
        });
        const secrets = experiments.secretValues(
          experiments.checkExperiment(exp, { activities }).secrets,
        );
        const logger = core.createLogger({
          level: opts.logLevel ?? 'info',
          format: opts.logFormat ?? 'auto',
          secrets: [...secrets, ...(ctx?.config.source.secrets ?? [])],
        });
        const store = ctx?.openStore();
        const { signal, dispose } = core.abortOnSignals();
        const journalId = core.newRunId();
        // With a config, activities that act on clusters reach them through its targets, gated
        // and written to the ledger; --dry-run passes the APIs' own dry-run to those actions.
        const providers = ctx ? core.buildProviders(ctx.config, ctx.registry, logger) : [];
        const targets =
          ctx && store
            ? core.createExperimentTargets({
                config: ctx.config,
                providers,
                store,
                runId: journalId,
                dryRun: o.dryRun === true,
                signal,
                logger,
                reporters: ctx.reporters,
                // The executor lets the run do exactly what its activities declare.
                verbs: experiments.experimentPermissions(exp, { activities }).verbs,
              })
            : undefined;
        const startedAt = new Date().toISOString();
        await targets?.session.open(['experiment'], o.dryRun === true);
        let status: JournalStatus = 'failed';
        try {
          const journal = await experiments.runExperiment(exp, {
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
          experiments.writeJournalFile(o.journalPath, journal);
          out.write({
            kind: 'experiment-run',
            data: { title: exp.title, journal, journalPath: o.journalPath },
          });
          process.exitCode =
            journal.status === 'interrupted'
              ? EXIT.INTERRUPTED
              : experiments.experimentExitCode(journal);
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
