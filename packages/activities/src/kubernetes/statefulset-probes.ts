import { ActionFailedError } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { waitForReadiness } from './deployment-status.js';

// chaostoolkit-kubernetes' statefulset probes, natively and read-only: they wait up to `timeout`
// seconds for every replica to be ready (or for one not to be), as the deployment probes do.

const MODULE = 'chaosk8s.statefulset.probes';
const FULLY = `${MODULE}.statefulset_fully_available`;
const NOT_FULLY = `${MODULE}.statefulset_not_fully_available`;

const base = {
  name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  label_selector: z.string().nullish(),
  /** Seconds. @default 30 */
  timeout: z.int().min(0).default(30),
};
const fullyArgs = z.strictObject({
  ...base,
  raise_on_not_fully_available: z.boolean().default(true),
});
const notFullyArgs = z.strictObject({
  ...base,
  raise_on_fully_available: z.boolean().default(true),
});
const permissions = [
  { kind: 'rbac' as const, group: 'apps', resource: 'statefulsets', verbs: ['get', 'list'] },
];
const example = (func: string) => ({
  type: 'probe' as const,
  name: func.replaceAll('_', '-'),
  tolerance: true,
  provider: {
    type: 'python' as const,
    module: MODULE,
    func,
    arguments: { name: 'db', ns: 'storefront', timeout: 60 },
  },
});

export const statefulsetFullyAvailable: PythonFunction<typeof fullyArgs> = {
  description:
    'Waits up to timeout seconds until every replica of the StatefulSet is ready; true, or fails at the timeout.',
  kind: 'probe',
  arguments: fullyArgs,
  permissions,
  example: example('statefulset_fully_available'),
  async run(args, context: ChaosActivityContext) {
    if (await waitForReadiness(FULLY, context, args, true, 1000, 'StatefulSet')) return true;
    if (!args.raise_on_not_fully_available) return false;
    throw new ActionFailedError(
      `microservice '${args.name}' failed to recover within ${args.timeout}s`,
    );
  },
};

export const statefulsetNotFullyAvailable: PythonFunction<typeof notFullyArgs> = {
  description:
    'Waits up to timeout seconds until some replica of the StatefulSet is not ready; true, or fails at the timeout.',
  kind: 'probe',
  arguments: notFullyArgs,
  permissions,
  example: example('statefulset_not_fully_available'),
  async run(args, context: ChaosActivityContext) {
    if (await waitForReadiness(NOT_FULLY, context, args, false, 1000, 'StatefulSet')) return true;
    if (!args.raise_on_fully_available) return false;
    throw new ActionFailedError(
      `microservice '${args.name}' failed to stop running within ${args.timeout}s`,
    );
  },
};

export const STATEFULSET_PROBE_FUNCTIONS = {
  [FULLY]: statefulsetFullyAvailable,
  [NOT_FULLY]: statefulsetNotFullyAvailable,
} as unknown as Record<string, PythonFunction>;
