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
export const DEPLOYMENT_AVAILABLE_AND_HEALTHY =
  'chaosk8s.deployment.probes.deployment_available_and_healthy';

const argumentsSchema = z.strictObject({
  name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  /** Only a Deployment that also carries these labels counts. */
  label_selector: z.string().nullish(),
  /** false: return false instead of failing. @default true */
  raise_on_unavailable: z.boolean().default(true),
});

/**
 * `chaosk8s.deployment.probes.deployment_available_and_healthy`, natively: reads the Deployment
 * now and returns true when status.availableReplicas equals spec.replicas; otherwise fails (or
 * returns false with `raise_on_unavailable: false`), as chaostoolkit-kubernetes does. Read-only.
 */
export const deploymentAvailableAndHealthy: PythonFunction<typeof argumentsSchema> = {
  description:
    'True when the Deployment exists and all its replicas are available; fails otherwise (or false with raise_on_unavailable: false).',
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: readDeploymentsPermissions,
  permissionsFor: readDeploymentsPermissionsFor,
  example: {
    type: 'probe',
    name: 'web-is-healthy',
    tolerance: true,
    provider: {
      type: 'python',
      module: 'chaosk8s.deployment.probes',
      func: 'deployment_available_and_healthy',
      arguments: { name: 'web', ns: 'storefront' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const fail = (message: string) => {
      if (!args.raise_on_unavailable) return false;
      throw new ActionFailedError(message);
    };
    const found = await readDeployments(DEPLOYMENT_AVAILABLE_AND_HEALTHY, context, args);
    if (found.length === 0) return fail(`Deployment '${args.name}' was not found`);
    for (const d of found) {
      if (d.availableReplicas !== d.replicas) {
        return fail(
          `Deployment '${args.name}' is not healthy: ${d.availableReplicas} of ${d.replicas} replicas available`,
        );
      }
    }
    return true;
  },
};
