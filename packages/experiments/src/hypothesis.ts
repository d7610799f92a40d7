import { executeActivity, type ExecutionContext } from './execute-activity.js';
import type { SteadyState } from './journal.js';
import { activitiesByName, resolveItem } from './refs.js';
import type { Experiment, ProbeTolerance } from './schema.js';
import { substitute } from './substitute.js';
import { withinTolerance } from './tolerance.js';

/** Whether the experiment has a steady-state hypothesis with at least one probe. */
export function hasSteadyStateProbes(experiment: Experiment): boolean {
  return (experiment['steady-state-hypothesis']?.probes?.length ?? 0) > 0;
}

/**
 * Checks the steady-state hypothesis once, as chaoslib's `run_steady_state_hypothesis` does: the
 * probes in order, stopping at the first that fails to run or is outside its tolerance.
 * Tolerances are not checked in the `probes` and `activities` dry modes.
 */
export async function runSteadyStateHypothesis(
  experiment: Experiment,
  context: ExecutionContext,
): Promise<SteadyState> {
  const hypothesis = experiment['steady-state-hypothesis'];
  const state: SteadyState = { steady_state_met: null, probes: [] };
  context.logger.info(`Steady state hypothesis: ${hypothesis?.title ?? ''}`);
  const byName = activitiesByName(experiment);
  for (const item of hypothesis?.probes ?? []) {
    // A `{ref, tolerance}` runs the activity it names, judged by its own tolerance (chaoslib).
    const probe = { ...resolveItem(item, byName)!, tolerance: item.tolerance };
    const run = await executeActivity(probe, context, undefined, { hasTolerance: true });
    state.probes.push(run);
    if (run.status === 'failed') {
      run.tolerance_met = false;
      state.steady_state_met = false;
      context.logger.warn(
        { probe: probe.name },
        'probe terminated unexpectedly, so its tolerance could not be validated',
      );
      return state;
    }
    run.tolerance_met = true;
    if (context.dry === 'probes' || context.dry === 'activities') continue;
    const tolerance =
      typeof probe.tolerance === 'string'
        ? substitute(probe.tolerance, context.configuration, context.secrets)
        : probe.tolerance!;
    const met = await withinTolerance(tolerance, run.output, {
      configuration: context.configuration,
      secrets: context.secrets,
      runProbe: (toleranceProbe) => runToleranceProbe(toleranceProbe, context),
    });
    if (!met) {
      run.tolerance_met = false;
      state.steady_state_met = false;
      context.logger.warn(
        { probe: probe.name },
        `probe "${probe.name}" is not within its tolerance`,
      );
      return state;
    }
  }
  state.steady_state_met = true;
  context.logger.info('Steady state hypothesis is met!');
  return state;
}

/** A tolerance probe runs like an activity but is not journaled (chaoslib's `run_activity`). */
export async function runToleranceProbe(
  probe: ProbeTolerance,
  context: ExecutionContext,
): Promise<unknown> {
  return context.registry.providerType(probe.provider.type).run(probe.provider, {
    signal: context.signal,
    logger: context.logger,
    configuration: context.configuration,
    secrets: context.secrets,
    env: context.env,
    activity: { name: probe.name, type: 'probe', hasTolerance: true },
    registry: context.registry,
    ...(context.targets ? { targets: context.targets } : {}),
  });
}
