import {
  ActionFailedError,
  SimianError,
  type Action,
  type ActionOutcome,
  type Resource,
} from '@simian/core';
import { actionResource } from '@simian/core';
import {
  kubernetesScope,
  targetsOf,
  type ActivityTargets,
  type ChaosActivityContext,
} from './activity-targets.js';

/**
 * The ref of the object `name` of `kind` (`Deployment`, `chaos-mesh.org/v1alpha1/NetworkChaos`)
 * in namespace `ns` of context `scope`, as the Kubernetes provider writes refs.
 */
export const kubeRef = (
  targets: ActivityTargets,
  scope: string,
  ns: string | undefined,
  kind: string,
  name: string,
): string =>
  targets.inventory
    .provider('kubernetes')
    .ref({ scope, kind, name, ...(ns !== undefined ? { namespace: ns } : {}) });

/** The targets and Kubernetes context an activity acts in. */
export function kubeTargets(
  context: ChaosActivityContext,
  fn: string,
): { targets: ActivityTargets; scope: string } {
  const targets = targetsOf(context, fn);
  return { targets, scope: kubernetesScope(context, targets) };
}

/** A fresh read of one object, or an error naming it when it does not exist. */
export async function readObject(
  context: ChaosActivityContext,
  targets: ActivityTargets,
  ref: string,
  fn: string,
): Promise<Resource> {
  const found = await targets.inventory
    .provider('kubernetes')
    .read(ref, { signal: context.signal });
  if (found) return found;
  throw new SimianError('TARGET_ERROR', `${fn}: ${ref} does not exist`, {
    hint: 'check the name and ns arguments, and the Kubernetes context',
  });
}

/** The action an experiment activity asks the executor for, on `resource`. */
export function experimentAction(
  fn: string,
  context: ChaosActivityContext,
  resource: Action['resource'],
  verb: string,
  params: Record<string, unknown>,
  reversible = false,
): Action {
  return {
    id: `experiment-${verb}:${resource.ref}@${new Date().toISOString()}`,
    monkey: 'experiment',
    verb,
    resource,
    reason: `experiment activity "${context.activity.name}" (${fn})`,
    reversible,
    params,
  };
}

/**
 * Runs one action through the executor (ledger, kill switch, scope, protected, opt-out, dry-run)
 * and returns its outcome; an action held back or refused fails the activity, naming the object
 * and why.
 */
export async function executeOne(
  fn: string,
  targets: ActivityTargets,
  action: Action,
): Promise<ActionOutcome> {
  const outcome = await targets.executor.execute(action);
  if (outcome.status === 'succeeded' || outcome.status === 'dry-run') return outcome;
  // A delete whose object went meanwhile (a ReplicaSet the garbage collector took with its
  // Deployment) has reached its end, as `kubectl delete --ignore-not-found` counts it.
  if (action.verb === 'delete' && outcome.status === 'skipped' && outcome.gone === true)
    return outcome;
  throw new ActionFailedError(
    `${fn}: ${action.verb} ${action.resource.ref} was not done (${outcome.status}: ${outcome.reason ?? 'no reason given'})`,
    { hint: 'the ledger (`simian ledger`) has every attempt with its reason' },
  );
}

/** Reads the object at `ref` fresh, then runs `verb` on it through the executor. */
export async function actOnObject(
  fn: string,
  context: ChaosActivityContext,
  ref: string,
  verb: string,
  params: Record<string, unknown>,
): Promise<ActionOutcome> {
  const { targets } = kubeTargets(context, fn);
  const resource = await readObject(context, targets, ref, fn);
  return executeOne(
    fn,
    targets,
    experimentAction(fn, context, actionResource(resource), verb, params),
  );
}
