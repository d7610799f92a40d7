import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Logger } from '@simian/core';
import type {
  ActivityRegistry,
  ExperimentVars,
  JournalStatus,
  RollbackStrategy,
} from '@simian/experiments';
import { chaosk8sCredentials, configForCredentials } from '../chaosk8s-credentials.js';
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

/** What `validate` and `run` share: chaos run's --var/--var-file, and the Python bridge. */
interface SharedOptions {
  var: string[];
  varFile: string[];
  pythonBridge?: boolean;
  python?: string;
  pythonRequirements?: string;
  allowPythonBridge?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const OPT_IN = 'pass --allow-python-bridge (or set SIMIAN_ALLOW_PYTHON_BRIDGE=1) to run it';

function addSharedOptions(command: Command): Command {
  return command
    .option(
      '--var <name[:type]=value>',
      'a configuration value, as chaos run --var (repeatable)',
      collect,
      [],
    )
    .option(
      '--var-file <file>',
      'configuration and secrets (JSON/YAML) or a .env file, as chaos run --var-file (repeatable)',
      collect,
      [],
    )
    .option(
      '--python-bridge',
      'run python activities Simian does not implement in a Python virtualenv Simian manages (chaostoolkit-lib, and --python-requirements)',
    )
    .option(
      '--python <interpreter>',
      'run them with this Python instead (it must import chaoslib); implies --python-bridge',
    )
    .option(
      '--python-requirements <file>',
      "a requirements.txt for the bridge's virtualenv (your own modules and extensions)",
    )
    .option(
      '--allow-python-bridge',
      "opt in to running bridged activities, which are outside Simian's safety gate",
    );
}

type Experiments = typeof import('@simian/experiments');
type PythonBridge = InstanceType<Experiments['PythonBridge']>;

/** The Python bridge the options ask for, attached to `activities`; undefined when none. */
function attachBridge(
  experiments: Experiments,
  activities: ActivityRegistry,
  o: SharedOptions,
  file: string,
  logger: Logger,
  extra: Partial<ConstructorParameters<Experiments['PythonBridge']>[0]> = {},
): PythonBridge | undefined {
  const { ensureBridgeEnvironment, PythonBridge } = experiments;
  if (!o.pythonBridge && !o.python) return undefined;
  const python =
    o.python ??
    ensureBridgeEnvironment({
      logger,
      ...(o.pythonRequirements ? { requirements: o.pythonRequirements } : {}),
    });
  const bridge = new PythonBridge({
    python,
    allowed: o.allowPythonBridge === true || process.env.SIMIAN_ALLOW_PYTHON_BRIDGE === '1',
    optIn: OPT_IN,
    // Your own modules (a tolerances.py, an extension) beside the experiment or where you run it.
    pythonPath: [dirname(resolve(file)), process.cwd()],
    logger,
    ...extra,
  });
  activities.usePythonBridge(bridge);
  return bridge;
}

function varsOf(experiments: Experiments, o: SharedOptions): ExperimentVars {
  return experiments.mergeVars(o.varFile ?? [], o.var ?? []);
}

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
    .action(async (file: string, o: SharedOptions, command: Command) => {
      const out = await commandOutput(command);
      const experiments = await import('@simian/experiments');
      const activities = await loadActivities();
      const vars = varsOf(experiments, o);
      if (o.pythonBridge || o.python) {
        // Validation only says which activities the bridge would run: no Python starts here.
        activities.usePythonBridge({
          allowed: o.allowPythonBridge === true || process.env.SIMIAN_ALLOW_PYTHON_BRIDGE === '1',
          optIn: OPT_IN,
          run: () => Promise.reject(new Error('validation runs nothing')),
        });
      }
      const report = experiments.validateExperiment(file, {
        activities,
        vars,
        env: { ...process.env, ...vars.env },
      });
      out.write({ kind: 'experiment-check', data: report });
      process.exitCode = report.errors.length === 0 ? EXIT.OK : EXIT.BAD_INPUT;
    });
  addSharedOptions(validate);
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
        o: SharedOptions & {
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
        const vars = varsOf(experiments, o);
        const env = { ...process.env, ...vars.env };
        // A simian.yaml is optional here: with one, the journal is also kept in its store and
        // chaosk8s activities act on its targets. One named by --config or $SIMIAN_CONFIG must
        // exist; only ./simian.yaml may be absent. Without one, the cluster is found as
        // chaostoolkit-kubernetes finds it (KUBECONFIG, the pod's account, KUBERNETES_HOST...).
        const choice = chooseConfig(opts);
        const hasConfig = choice.from !== 'default' || existsSync(choice.path);
        const credentials = hasConfig ? undefined : chaosk8sCredentials(env);
        const ctx = hasConfig
          ? await loadContext(opts)
          : credentials
            ? await loadContext({ ...opts, config: configForCredentials(credentials) })
            : undefined;
        const activities = await loadActivities(ctx?.registry);
        // A bridge placeholder while loading, so bridged activities are checked as such.
        if (o.pythonBridge || o.python) {
          activities.usePythonBridge({
            allowed: o.allowPythonBridge === true || process.env.SIMIAN_ALLOW_PYTHON_BRIDGE === '1',
            optIn: OPT_IN,
            run: () => Promise.reject(new Error('not started')),
          });
        }
        // A file, or configmap://ns/name/key (read from the cluster of targets.kubernetes).
        const { loadExperimentSource } = await import('../experiment-source.js');
        const exp = await loadExperimentSource(file, {
          activities,
          vars,
          env,
          ...(ctx ? { config: ctx.config } : {}),
        });
        const secrets = experiments.secretValues(
          experiments.checkExperiment(exp, { activities, vars, env }).secrets,
        );
        const logger = core.createLogger({
          level: opts.logLevel ?? 'info',
          format: opts.logFormat ?? 'auto',
          secrets: [...secrets, ...(ctx?.config.source.secrets ?? [])],
        });
        if (credentials) {
          logger.info(
            { credentials: credentials.source },
            `no simian.yaml: reaching the cluster through ${credentials.source}`,
          );
        }
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
        // Bridged activities are written to the ledger as they start and end, and the kill
        // switch is read before each one.
        const bridge = attachBridge(experiments, activities, o, file, logger, {
          env,
          ...(targets ? { stopReason: () => targets.session.killSwitch() } : {}),
          ...(store
            ? {
                record: ({ activity, target }) => {
                  const action = {
                    id: `experiment-python-bridge:${target}@${new Date().toISOString()}`,
                    monkey: 'experiment',
                    verb: 'python-bridge',
                    resource: {
                      ref: `python:${target}`,
                      provider: 'python',
                      kind: 'PythonFunction',
                      name: target,
                      labels: {},
                    },
                    reason: `experiment activity "${activity}" run in the Python bridge, outside Simian's safety gate`,
                    reversible: false,
                  };
                  const seq = store.actionStarted(
                    journalId,
                    action,
                    o.dryRun === true,
                    new Date().toISOString(),
                  );
                  return (status, detail) =>
                    store.actionEnded(
                      seq,
                      status,
                      new Date().toISOString(),
                      detail ? { reason: detail } : {},
                    );
                },
              }
            : {}),
        });
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
            vars,
            env,
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
          await bridge?.close();
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
  addSharedOptions(run);
  withOutput(run, ['experiment-run']);
}
