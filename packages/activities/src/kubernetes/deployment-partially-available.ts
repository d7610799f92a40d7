import { ActionFailedError } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import {
  readDeployments,
  readDeploymentsPermissions,
  readDeploymentsPermissionsFor,
} from './deployment-status.js';

/** The dotted name experiments call. */
export const DEPLOYMENT_PARTIALLY_AVAILABLE =
  'chaosk8s.deployment.probes.deployment_partially_available';

const argumentsSchema = z.strictObject({
  name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  /** Only a Deployment that also carries these labels counts. */
  label_selector: z.string().nullish(),
  /** false: return false instead of failing. @default true */
  raise_on_not_partially_available: z.boolean().default(true),
});

/**
 * `chaosk8s.deployment.probes.deployment_partially_available`, natively: reads the Deployment
 * now; true when at least one replica is available, otherwise fails (or false), as
 * chaostoolkit-kubernetes does. The probe of "degraded but serving" during a fault. Read-only.
 */
export const deploymentPartiallyAvailable: PythonFunction<typeof argumentsSchema> = {
  description:
    'True when the Deployment exists and at least one replica is available; fails otherwise (or false with raise_on_not_partially_available: false).',
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: readDeploymentsPermissions,
  permissionsFor: readDeploymentsPermissionsFor,
  example: {
    type: 'probe',
    name: 'web-still-serves',
    tolerance: true,
    provider: {
      type: 'python',
      module: 'chaosk8s.deployment.probes',
      func: 'deployment_partially_available',
      arguments: { name: 'web', ns: 'storefront' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const fail = (message: string) => {
      if (!args.raise_on_not_partially_available) return false;
      throw new ActionFailedError(message);
    };
    const [d] = await readDeployments(DEPLOYMENT_PARTIALLY_AVAILABLE, context, args);
    if (!d) return fail(`Deployment '${args.name}' was not found`);
    if (d.availableReplicas >= 1) return true;
    return fail(`Deployment '${args.name}' is not healthy: no replica of ${d.replicas} available`);
  },
};
