import { SimianError, type ExperimentTargets } from '@simian/core';
import { type PythonFunctionContext } from '@simian/experiments';

/**
 * What an activity that acts on a target is given by the experiment runner: reads through
 * `inventory`, every change through `executor` (ledger row before and after, kill switch, scope,
 * protected and opt-out rules, dry-run), and a random source for `rand: true`.
 */
export type ActivityTargets = ExperimentTargets;

/** The context a Simian-native activity runs with. */
export type ChaosActivityContext = PythonFunctionContext;

/** The targets of `context`, or an error that says how to run the activity with them. */
export function targetsOf(context: ChaosActivityContext, fn: string): ActivityTargets {
  if (context.targets) return context.targets;
  throw new SimianError(
    'WIRING',
    `${fn} acts on a cluster, but the experiment runner gave it no targets to act through`,
    {
      hint: 'run the experiment with `simian experiment run --config simian.yaml` so that targets.kubernetes and the safety gate apply',
    },
  );
}

/**
 * The Kubernetes context an activity works in: the only one configured, or the one the
 * experiment's configuration names as `kubernetes_context`.
 */
export function kubernetesScope(context: ChaosActivityContext, targets: ActivityTargets): string {
  if (!targets.inventory.hasProvider('kubernetes')) {
    throw new SimianError('WIRING', 'no Kubernetes target is configured', {
      hint: 'add targets.kubernetes to simian.yaml',
    });
  }
  const scopes = targets.inventory.provider('kubernetes').scopes();
  const named = context.configuration.kubernetes_context;
  if (typeof named === 'string') {
    if (scopes.includes(named)) return named;
    throw new SimianError('INPUT_INVALID', `kubernetes_context "${named}" is not configured`, {
      hint: `configured contexts: ${scopes.join(', ')}`,
    });
  }
  if (scopes.length === 1) return scopes[0]!;
  throw new SimianError(
    'INPUT_INVALID',
    `${scopes.length} Kubernetes contexts are configured and the experiment does not say which`,
    { hint: `set configuration.kubernetes_context to one of: ${scopes.join(', ')}` },
  );
}
