import type { PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { actOnObject, kubeRef, kubeTargets } from './kube-object.js';

/** The dotted name experiments call. */
export const SCALE_DEPLOYMENT = 'chaosk8s.deployment.actions.scale_deployment';

const argumentsSchema = z.strictObject({
  name: z.string().min(1),
  replicas: z.int().min(0),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
});

/**
 * `chaosk8s.deployment.actions.scale_deployment`, natively: sets the Deployment's replicas through
 * the executor's `scale` verb (the scale subresource). Returns `{from, to}`.
 */
export const scaleDeployment: PythonFunction<typeof argumentsSchema> = {
  description: 'Sets the replicas of a Deployment (scale subresource), through the safety gate.',
  kind: 'action',
  arguments: argumentsSchema,
  verbs: ['kubernetes:scale:Deployment'],
  permissions: [
    { kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['get'] },
    {
      kind: 'rbac',
      group: 'apps',
      resource: 'deployments',
      verbs: ['get', 'patch'],
      subresource: 'scale',
    },
  ],
  example: {
    type: 'action',
    name: 'scale-web-to-one',
    provider: {
      type: 'python',
      module: 'chaosk8s.deployment.actions',
      func: 'scale_deployment',
      arguments: { name: 'web', replicas: 1, ns: 'storefront' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const { targets, scope } = kubeTargets(context, SCALE_DEPLOYMENT);
    const ref = kubeRef(targets, scope, args.ns, 'Deployment', args.name);
    const outcome = await actOnObject(SCALE_DEPLOYMENT, context, ref, 'scale', {
      replicas: args.replicas,
    });
    return outcome.output ?? {};
  },
};
