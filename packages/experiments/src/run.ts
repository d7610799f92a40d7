import type { ExperimentTargets } from '@simian/core';
import { ConfigError, InterruptedError } from '@simian/core';
import { newRunId } from '@simian/core';
import { redactDeep, redactText, silentLogger, type Logger } from '@simian/core';
import type { Store } from '@simian/core';
import { checkExperiment, type CheckExperimentOptions } from './check.js';
import { executeActivity, type DryRunLevel, type ExecutionContext } from './execute-activity.js';
import { hasSteadyStateProbes, runSteadyStateHypothesis } from './hypothesis.js';
import {
  initializeJournal,
  type ActivityRun,
  type ExperimentJournal,
  type SteadyState,
} from './journal.js';
import { interruption } from './pause.js';
import { SafeguardWatch } from './safeguards.js';
import { activitiesByName, resolveItem } from './refs.js';
import type { ActivityRegistry } from './registry.js';
import { rollbackDecision } from './rollback-strategy.js';
import { secretValues } from './secrets.js';
import {
  isActivityRef,
  type Activity,
  type Experiment,
  type MethodItem,
  type RollbackStrategy,
} from './schema.js';
import { substitute } from './substitute.js';

export interface RunExperimentOptions {
  /** Provider types and Python-named functions the experiment may use. */
  activities: ActivityRegistry;
  /**
   * When rollbacks run (see docs/experiments.md).
   * @default the experiment's `runtime.rollbacks.strategy`, else "default"
   */
  rollbackStrategy?: RollbackStrategy;
  /**
   * Aborting it (SIGINT/SIGTERM through `abortOnSignals()`) stops the method at once and runs the
   * rollbacks (unless the strategy is `never`); the journal ends as `interrupted`.
   */
  signal?: AbortSignal;
  /** @default a silent logger */
  logger?: Logger;
  /** When given, the journal is saved there as it starts and when it ends (kind `experiment`). */
  store?: Pick<Store, 'saveJournal'>;
  /** Chaos Toolkit's dry modes; `true` means `actions` (probes run, actions do not). @default false */
  dryRun?: boolean | DryRunLevel;
  /** Where `{type: env}` configuration and secrets are read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The journal's id in the store. @default a new run id */
  journalId?: string;
  /** simian.yaml's targets, for activities that act on clusters (see `createExperimentTargets`). */
  targets?: ExperimentTargets;
  /**
   * More values never to keep in the journal (simian.yaml's `${ENV}` values); the experiment's own
   * secrets and the user-info of URLs are always removed.
   */
  redact?: readonly string[];
  /** `--var` / `--var-file` values: they override the experiment's configuration and secrets. */
  vars?: CheckExperimentOptions['vars'];
}

/**
 * Runs a Chaos Toolkit experiment with chaoslib's semantics and returns its journal:
 *
 * 1. Steady-state hypothesis before. Not met: the method does not run; status `failed` when a probe
 *    could not run, `completed` when it ran but was outside its tolerance (as chaoslib does).
 * 2. The method, in order. A failing activity is journaled as failed and the method goes on; probes
 *    in the method never decide the outcome. Background activities start and are awaited at the
 *    end of the method.
 * 3. Steady-state hypothesis after. Not met: `deviated: true` (status stays `completed` unless a
 *    probe could not run).
 * 4. Rollbacks, per the strategy (`rollbackDecision`). An interrupted run rolls back unless the
 *    strategy is `never`, and rollbacks are never cut short by the signal.
 *
 * Throws `ConfigError` before anything runs when the experiment cannot run as written (an unknown
 * Python function, a missing environment variable, a bad `ref`...).
 */
export async function runExperiment(
  experiment: Experiment,
  options: RunExperimentOptions,
): Promise<ExperimentJournal> {
  const env = options.env ?? process.env;
  const check = checkExperiment(experiment, {
    activities: options.activities,
    env,
    ...(options.vars ? { vars: options.vars } : {}),
  });
  const bridge = options.activities.pythonBridge();
  if (check.issues.length === 0 && bridge?.allowed && bridge.check) {
    // As chaoslib validates a python activity: its module imports and its arguments bind.
    const bridged = check.activities.filter((a) => a.bridge && !a.ref);
    const problems = await bridge.check(
      bridged.map((a) => {
        const p = providerAt(experiment, a.path);
        return {
          module: String(p.module),
          func: String(p.func),
          arguments: (p.arguments ?? {}) as Record<string, unknown>,
        };
      }),
    );
    problems.forEach((problem, i) => {
      if (problem) check.issues.push({ path: `${bridged[i]!.path}.provider`, message: problem });
    });
  }
  if (check.issues.length > 0) {
    throw new ConfigError(check.issues, {
      hint: 'run `simian experiment validate FILE` to see every problem with its line',
    });
  }
  const { configuration, secrets } = check;
  const dry: DryRunLevel | null = options.dryRun === true ? 'actions' : options.dryRun || null;
  const strategy = options.rollbackStrategy ?? experiment.runtime?.rollbacks?.strategy ?? 'default';
  const title = String(substitute(experiment.title, configuration, secrets));
  const journal = initializeJournal({ ...experiment, title }, dry);
  const id = options.journalId ?? newRunId();
  const logger = (options.logger ?? silentLogger()).child({ experiment: title, journalId: id });
  // A safeguard that trips interrupts the run as a signal would.
  const guard = new AbortController();
  const signal = AbortSignal.any([options.signal ?? new AbortController().signal, guard.signal]);
  // Outputs and exception texts can carry a secret (an echoed header, a URL with user-info): the
  // journal is kept and written only with them removed.
  const redactions = [...secretValues(secrets), ...(options.redact ?? [])];
  const save = () =>
    options.store?.saveJournal({
      id,
      kind: 'experiment',
      title: redactText(title, redactions),
      status: journal.status ?? 'running',
      startedAt: journal.start,
      body: redactDeep(journal, redactions),
    });
  save();
  logger.info({ rollbackStrategy: strategy, dry }, `Running experiment: ${title}`);
  for (const warning of check.warnings) logger.warn({ path: warning.path }, warning.message);

  const byName = activitiesByName(experiment);
  const context: ExecutionContext = {
    registry: options.activities,
    configuration,
    secrets,
    env,
    logger,
    signal,
    dry,
    ...(options.targets ? { targets: options.targets } : {}),
  };
  const started = Date.parse(journal.start);
  const safeguards = new SafeguardWatch(check.safeguards, context, (reason) => guard.abort(reason));
  try {
    if (!(await safeguards.start())) throw interruption(signal);
    const before = hasSteadyStateProbes(experiment)
      ? await runSteadyStateHypothesis(experiment, context)
      : undefined;
    if (before) journal.steady_states.before = before;
    if (before && !before.steady_state_met) {
      journal.status = anyProbeFailed(before) ? 'failed' : 'completed';
      logger.error('the steady state is not met before the method, so the method does not run');
    } else {
      logger.info("Playing your experiment's method now...");
      await runActivities(experiment.method, byName, context, journal.run);
      if (hasSteadyStateProbes(experiment)) {
        const after = await runSteadyStateHypothesis(experiment, context);
        journal.steady_states.after = after;
        if (!after.steady_state_met) {
          journal.deviated = true;
          journal.status = anyProbeFailed(after) ? 'failed' : 'completed';
          logger.error(
            'the steady state deviated after the method: a weakness may have been found',
          );
        }
      }
    }
  } catch (e) {
    if (e instanceof InterruptedError) {
      journal.status = 'interrupted';
      logger.warn({ reason: e.message }, 'the experiment was interrupted');
    } else {
      journal.status = 'aborted';
      logger.error({ err: e }, 'the experiment ran into an unexpected error and was aborted');
    }
  }

  await safeguards.stop();
  const decision = rollbackDecision(strategy, journal);
  if (decision.run) {
    logger.info({ reason: decision.reason }, "Let's rollback...");
    await runRollbacks(experiment.rollbacks ?? [], byName, context, journal);
  } else {
    logger.warn({ reason: decision.reason }, 'rollbacks are not played');
  }

  const end = new Date();
  journal.end = end.toISOString();
  journal.duration = (end.getTime() - started) / 1000;
  journal.status ??= 'completed';
  logger.info(
    { status: journal.status, deviated: journal.deviated },
    `Experiment ended with status: ${journal.deviated ? 'deviated' : journal.status}`,
  );
  try {
    save();
  } catch (e) {
    logger.error({ err: e }, 'the journal could not be saved to the store');
  }
  return redactDeep(journal, redactions);
}

function anyProbeFailed(state: SteadyState): boolean {
  return state.probes.some((p) => p.status !== 'succeeded');
}

/** Whether an item runs in the background: chaoslib reads the flag on the item, not on a ref's target. */
function inBackground(item: MethodItem, activity: Activity): boolean {
  return isActivityRef(item) ? item.background === true : activity.background === true;
}

/**
 * Runs items in order; background ones start and are awaited at the end. Stops at the first sign
 * of interruption, but still waits for background activities, which see the same signal and stop.
 */
async function runActivities(
  items: MethodItem[],
  byName: Map<string, Activity>,
  context: ExecutionContext,
  runs: ActivityRun[],
): Promise<void> {
  // Each background activity settles to undefined or its error, handled at once so an early
  // failure is never an unhandled rejection.
  const background: Array<Promise<unknown>> = [];
  let stoppedBy: unknown;
  try {
    for (const item of items) {
      const activity = resolveItem(item, byName)!;
      const running = executeActivity(activity, context, runs);
      if (inBackground(item, activity)) {
        background.push(
          running.then(
            () => undefined,
            (e: unknown) => e ?? new Error('failed'),
          ),
        );
      } else {
        await running;
      }
      if (context.signal.aborted) throw interruption(context.signal);
    }
  } catch (e) {
    stoppedBy = e;
  }
  const errors = await Promise.all(background);
  if (stoppedBy !== undefined) throw stoppedBy;
  const unexpected = errors.find((e) => e !== undefined && !(e instanceof InterruptedError));
  if (unexpected !== undefined) throw unexpected;
  if (context.signal.aborted) throw interruption(context.signal);
}

/**
 * Rollbacks run to their end: they get a signal of their own, since the run's may already be
 * aborted. A signal arriving during the rollbacks marks the run interrupted; a second SIGINT or
 * SIGTERM exits the process at once (`abortOnSignals`).
 */
async function runRollbacks(
  items: MethodItem[],
  byName: Map<string, Activity>,
  context: ExecutionContext,
  journal: ExperimentJournal,
): Promise<void> {
  const wasInterrupted = context.signal.aborted;
  const rollbackContext = { ...context, signal: new AbortController().signal };
  try {
    await runActivities(items, byName, rollbackContext, journal.rollbacks);
  } catch (e) {
    journal.status = 'aborted';
    context.logger.error({ err: e }, 'the rollbacks ran into an unexpected error');
  }
  if (!wasInterrupted && context.signal.aborted) {
    journal.status = 'interrupted';
    context.logger.warn('interrupted during the rollbacks; they were played to the end');
  }
}

/** The provider block of the activity at `path` (`method.2`, `steady-state-hypothesis.probes.0`). */
function providerAt(experiment: Experiment, path: string): Record<string, unknown> {
  let node: unknown = experiment;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)?.[part];
  return ((node as { provider?: Record<string, unknown> })?.provider ?? {}) as Record<
    string,
    unknown
  >;
}
