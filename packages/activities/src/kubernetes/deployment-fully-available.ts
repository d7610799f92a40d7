import { ActionFailedError } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { waitForReadiness } from './deployment-status.js';

/** The dotted name experiments call. */
export const DEPLOYMENT_FULLY_AVAILABLE = 'chaosk8s.deployment.probes.deployment_fully_available';

const argumentsSchema = z.strictObject({
  name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  /** Only a Deployment that also carries these labels counts; `{name}` stands for the name. */
  label_selector: z.string().nullish(),
  /** Seconds to wait. @default 30 */
  timeout: z.number().min(0).default(30),
  /** false: return false at the timeout instead of failing. @default true */
  raise_on_not_fully_available: z.boolean().default(true),
});

/**
 * `chaosk8s.deployment.probes.deployment_fully_available`, natively: waits up to `timeout` seconds
 * for status.readyReplicas to equal spec.replicas, re-reading the Deployment every second.
 * True once it does; at the timeout it fails as chaostoolkit-kubernetes does (or returns false).
 */
export const deploymentFullyAvailable: PythonFunction<typeof argumentsSchema> = {
  description:
    'Waits up to timeout seconds until every replica of the Deployment is ready; true, or fails at the timeout.',
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: [{ kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['get', 'list'] }],
  example: {
    type: 'probe',
    name: 'web-recovers',
    tolerance: true,
    provider: {
      type: 'python',
      module: 'chaosk8s.deployment.probes',
      func: 'deployment_fully_available',
      arguments: { name: 'web', ns: 'storefront', timeout: 60 },
    },
  },
  async run(args, context: ChaosActivityContext) {
    if (await waitForReadiness(DEPLOYMENT_FULLY_AVAILABLE, context, args, true)) return true;
    if (!args.raise_on_not_fully_available) return false;
    throw new ActionFailedError(
      `deployment '${args.name}' failed to recover within ${args.timeout}s`,
    );
  },
};
