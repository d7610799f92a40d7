import {
  actionResource,
  ActionFailedError,
  podWorkload,
  workloadGroupKey,
  type Action,
  type ActionOutcome,
  type Resource,
} from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import { targetsOf, type ActivityTargets, type ChaosActivityContext } from './activity-targets.js';
import { podsInNamespace } from './pods-in-namespace.js';
import { selectPods } from './select-pods.js';

/** The dotted name experiments call. */
export const TERMINATE_PODS = 'chaosk8s.pod.actions.terminate_pods';

const argumentsSchema = z.strictObject({
  /** Pods carrying these labels (a Kubernetes label selector). @default every pod of `ns` */
  label_selector: z.string().nullish(),
  /** A regular expression the pod name must contain a match of. */
  name_pattern: z.string().nullish(),
  /** Every selected pod, ignoring `qty`. @default false */
  all: z.boolean().default(false),
  /** A random sample instead of the first ones. @default false */
  rand: z.boolean().default(false),
  /** `fixed`: `qty` pods; `percentage`: `qty` percent of them, rounded up. @default "fixed" */
  mode: z.enum(['fixed', 'percentage']).default('fixed'),
  /** @default 1 */
  qty: z.int().min(0).default(1),
  /** Seconds of grace; below 0, the pod's own. @default -1 */
  grace_period: z.int().default(-1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  /** `alphabetic` (by name) or `oldest` first. @default "alphabetic" */
  order: z.enum(['alphabetic', 'oldest']).default('alphabetic'),
});

/**
 * `chaosk8s.pod.actions.terminate_pods`, natively: selects pods as chaostoolkit-kubernetes does
 * and deletes each through the executor (ledger, kill switch, scope, protected namespaces, opt-out,
 * dry-run). Returns the names of the pods deleted, as the Python function does. A pod the safety
 * gate holds back or the API refuses makes the activity fail, naming each such pod and why.
 */
export const terminatePods: PythonFunction<typeof argumentsSchema> = {
  description:
    'Deletes pods chosen by label selector and/or name pattern (fixed count or percentage, first or random), through the safety gate.',
  kind: 'action',
  arguments: argumentsSchema,
  verbs: ['kubernetes:delete:Pod'],
  permissions: [
    { kind: 'rbac', group: '', resource: 'pods', verbs: ['list', 'get', 'delete'] },
    { kind: 'rbac', group: 'apps', resource: 'replicasets', verbs: ['get'] },
  ],
  example: {
    type: 'action',
    name: 'terminate-one-web-pod',
    provider: {
      type: 'python',
      module: 'chaosk8s.pod.actions',
      func: 'terminate_pods',
      arguments: { label_selector: 'app=web', ns: 'storefront', rand: true, qty: 1 },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const targets = targetsOf(context, TERMINATE_PODS);
    const listed = await podsInNamespace(TERMINATE_PODS, context, args.ns, args.label_selector);
    const pods = selectPods(listed, args, targets.rng);
    context.logger.info(
      { pods: pods.map((p) => p.name), ns: args.ns },
      `terminating ${pods.length} pod(s)`,
    );
    const outcomes: ActionOutcome[] = [];
    for (const pod of pods) {
      outcomes.push(
        await targets.executor.execute(await deleteAction(pod, args, context, targets)),
      );
    }
    const refused = outcomes.filter((o) => o.status !== 'succeeded' && o.status !== 'dry-run');
    if (refused.length > 0) {
      throw new ActionFailedError(
        `${refused.length} of ${pods.length} pods were not terminated: ${refused.map((o) => `${o.action.resource.name} (${o.status}: ${o.reason ?? 'no reason given'})`).join('; ')}`,
        { hint: 'the ledger (`simian ledger`) has every attempt with its reason' },
      );
    }
    return outcomes.map((o) => o.action.resource.name);
  },
};

async function deleteAction(
  pod: Resource,
  args: z.output<typeof argumentsSchema>,
  context: ChaosActivityContext,
  targets: ActivityTargets,
): Promise<Action> {
  const provider = targets.inventory.provider('kubernetes');
  const workload = await podWorkload(provider, pod, context.signal);
  const group = workload && workloadGroupKey(workload);
  return {
    id: `experiment-delete:${pod.context}/${pod.namespace}/${pod.name}@${pod.views?.pod?.uid ?? 'unknown'}`,
    monkey: 'experiment',
    verb: 'delete',
    resource: actionResource(pod),
    reason: `experiment activity "${context.activity.name}" (${TERMINATE_PODS})`,
    ...(group ? { group } : {}),
    reversible: false,
    params: args.grace_period >= 0 ? { gracePeriodSeconds: args.grace_period } : {},
  };
}
