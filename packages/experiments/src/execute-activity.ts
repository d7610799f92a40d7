import type { ExperimentTargets } from '@simian/core';
import { isSimianError } from '@simian/core';
import type { Logger } from '@simian/core';
import type { ActivityRun } from './journal.js';
import { interruption, pause } from './pause.js';
import type { ActivityRegistry } from './registry.js';
import type { Activity } from './schema.js';
import { substitute, type ExperimentConfiguration, type ExperimentSecrets } from './substitute.js';

/**
 * Chaos Toolkit's dry modes: `actions` runs no action, `probes` no probe, `activities` nothing,
 * `pause` skips the pauses. A dry activity is journaled as succeeded with no output.
 */
export type DryRunLevel = 'actions' | 'probes' | 'activities' | 'pause';

/** What an activity runs with: the resolved values, the registry and the run's signal. */
export interface ExecutionContext {
  registry: ActivityRegistry;
  configuration: ExperimentConfiguration;
  secrets: ExperimentSecrets;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The run's signal: aborting it interrupts the activity and its pauses. */
  signal: AbortSignal;
  dry: DryRunLevel | null;
  targets?: ExperimentTargets;
}

/**
 * Runs one activity as chaoslib's `execute_activity` does: pause before, run, record, pause after.
 * The run record is appended to `runs` when the activity starts (after its pause before), so a
 * background activity shows where it started. A failing provider makes the record `failed`; it
 * does not throw. Interruption throws `InterruptedError` once the record is closed.
 */
export async function executeActivity(
  activity: Activity,
  context: ExecutionContext,
  runs?: ActivityRun[],
  options: { hasTolerance?: boolean } = {},
): Promise<ActivityRun> {
  const { logger, signal } = context;
  const dry = 'dry' in activity ? (activity.dry ?? null) : context.dry;
  const isDry =
    dry === 'activities' ||
    (dry === 'actions' && activity.type === 'action') ||
    (dry === 'probes' && activity.type === 'probe');
  const skipPauses = isDry || dry === 'pause';
  const pauses = substitute(activity.pauses ?? {}, context.configuration, context.secrets);

  const before = seconds(pauses.before);
  if (before > 0 && !skipPauses) {
    logger.info({ activity: activity.name, seconds: before }, 'pausing before the activity');
    await pause(before, signal);
  }

  const label = activity.type === 'probe' ? 'Probe' : 'Action';
  logger.info(
    { activity: activity.name, background: activity.background ?? false },
    `${label}: ${activity.name}${activity.background ? ' [in background]' : ''}`,
  );
  const start = new Date();
  const run: ActivityRun = {
    activity: structuredClone(activity),
    output: null,
    start: start.toISOString(),
  };
  runs?.push(run);

  const timeout =
    activity.timeout === undefined ? undefined : AbortSignal.timeout(activity.timeout * 1000);
  try {
    if (!isDry) {
      const providerType = context.registry.providerType(activity.provider.type);
      run.output = await providerType.run(activity.provider, {
        signal: timeout ? AbortSignal.any([signal, timeout]) : signal,
        logger,
        configuration: context.configuration,
        secrets: context.secrets,
        env: context.env,
        activity: {
          name: activity.name,
          type: activity.type,
          hasTolerance: options.hasTolerance ?? false,
        },
        registry: context.registry,
        ...(context.targets ? { targets: context.targets } : {}),
      });
    }
    run.status = 'succeeded';
  } catch (e) {
    run.output = null;
    run.status = 'failed';
    const timedOut = timeout?.aborted === true && !signal.aborted;
    run.exception = timedOut
      ? [`ActionFailedError: activity took longer than its timeout of ${activity.timeout}s\n`]
      : describeError(e);
    logger.error(
      { activity: activity.name, err: e },
      `  => failed: ${run.exception.join('').trim()}`,
    );
  } finally {
    const end = new Date();
    run.end = end.toISOString();
    run.duration = (end.getTime() - start.getTime()) / 1000;
  }

  if (signal.aborted) throw interruption(signal);

  const after = seconds(pauses.after);
  if (after > 0 && !skipPauses) {
    logger.info({ activity: activity.name, seconds: after }, 'pausing after the activity');
    await pause(after, signal);
  }
  return run;
}

function seconds(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

/** The journal's `exception`: the error's type and message, then its hint, one line each. */
export function describeError(e: unknown): string[] {
  if (!(e instanceof Error)) return [`Error: ${String(e)}\n`];
  const lines = [`${e.name}: ${e.message}\n`];
  if (isSimianError(e) && e.hint) lines.push(`hint: ${e.hint}\n`);
  return lines;
}
