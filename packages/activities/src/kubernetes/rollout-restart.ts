import type { PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { actOnObject, kubeRef, kubeTargets } from './kube-object.js';

/** The dotted names experiments call: chaostoolkit-kubernetes', and Simian's own. */
export const ROLLOUT_DEPLOYMENT = 'chaosk8s.deployment.actions.rollout_deployment';
export const ROLLOUT_RESTART = 'simian.kubernetes.rollout_restart';

/** The annotation `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

const argumentsSchema = z.strictObject({
  name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
});

const rolloutRestartFor = (fn: string, module: string): PythonFunction<typeof argumentsSchema> => ({
  description:
    "Restarts a Deployment's pods as `kubectl rollout restart` does (sets the restartedAt annotation on its pod template), through the safety gate.",
  kind: 'action',
  arguments: argumentsSchema,
  permissions: [{ kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['get', 'patch'] }],
  verbs: ['kubernetes:patch:Deployment'],
  example: {
    type: 'action',
    name: 'restart-web',
    provider: {
      type: 'python',
      module,
      func: fn.slice(module.length + 1),
      arguments: { name: 'web', ns: 'storefront' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const { targets, scope } = kubeTargets(context, fn);
    const ref = kubeRef(targets, scope, args.ns, 'Deployment', args.name);
    const restartedAt = new Date().toISOString();
    const outcome = await actOnObject(fn, context, ref, 'patch', {
      type: 'strategic',
      patch: { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartedAt } } } } },
    });
    return { restartedAt, ...outcome.output };
  },
});

/** `chaosk8s.deployment.actions.rollout_deployment`, natively. */
export const rolloutDeployment = rolloutRestartFor(
  ROLLOUT_DEPLOYMENT,
  'chaosk8s.deployment.actions',
);
/** `simian.kubernetes.rollout_restart`: Simian's own name for the same action. */
export const rolloutRestart = rolloutRestartFor(ROLLOUT_RESTART, 'simian.kubernetes');
