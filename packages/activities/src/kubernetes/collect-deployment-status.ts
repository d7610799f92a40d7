import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { pause } from './deployment-status.js';
import { kubeRef, kubeTargets, readObject } from './kube-object.js';

/**
 * The dotted name experiments call. Not in chaostoolkit-kubernetes 0.39: it comes from its
 * `rollout-rollback` branch, which the rollout demo experiments (the seeds' Prometheus and
 * rollout scenario) install.
 */
export const COLLECT_DEPLOYMENT_STATUS = 'chaosk8s.deployment.probes.collect_deployment_status';

const argumentsSchema = z.strictObject({
  deployment_name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  /** Seconds to keep reading. @default 60 */
  duration: z.number().min(0).default(60),
  /** Seconds between reads. @default 1 */
  every: z.number().positive().default(1),
});

/**
 * `collect_deployment_status`: reads the Deployment every `every` seconds for `duration` seconds
 * and returns, per read, its conditions as `[type, status, reason]` triples, as the Python
 * function does. Read-only. An interrupted run stops it early with what it collected.
 */
export const collectDeploymentStatus: PythonFunction<typeof argumentsSchema> = {
  description:
    "Reads a Deployment's conditions every `every` s for `duration` s; returns one list of [type, status, reason] per read.",
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: [{ kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['get'] }],
  example: {
    type: 'probe',
    name: 'read-deployment-status',
    provider: {
      type: 'python',
      module: 'chaosk8s.deployment.probes',
      func: 'collect_deployment_status',
      arguments: { deployment_name: 'service2', duration: 25 },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const { targets, scope } = kubeTargets(context, COLLECT_DEPLOYMENT_STATUS);
    const ref = kubeRef(targets, scope, args.ns, 'Deployment', args.deployment_name);
    const reads: Array<Array<[string, string, string | null]>> = [];
    const end = Date.now() + args.duration * 1000;
    while (Date.now() < end && !context.signal.aborted) {
      await pause(args.every * 1000, context.signal);
      const deployment = await readObject(context, targets, ref, COLLECT_DEPLOYMENT_STATUS);
      reads.push(
        (deployment.views?.workload?.conditions ?? []).map((c) => [
          c.type,
          c.status,
          c.reason ?? null,
        ]),
      );
    }
    return reads;
  },
};
