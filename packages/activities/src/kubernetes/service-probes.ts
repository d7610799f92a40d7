import { ActionFailedError } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { findObjects } from './object-ops.js';

/** The dotted name experiments call. */
export const SERVICE_IS_INITIALIZED = 'chaosk8s.service.probes.service_is_initialized';

const argumentsSchema = z.strictObject({
  /** @default any Service matching `label_selector` */
  name: z.string().min(1).nullish(),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  label_selector: z.string().nullish(),
  /** false: return false instead of failing. @default true */
  raise_if_service_not_initialized: z.boolean().default(true),
});

/**
 * `chaosk8s.service.probes.service_is_initialized`, natively: true when a Service matches the
 * name and/or selector in `ns`; otherwise fails with chaostoolkit-kubernetes' message (or false).
 * Read-only.
 */
export const serviceIsInitialized: PythonFunction<typeof argumentsSchema> = {
  description:
    'True when a Service matching the name and/or label selector exists in the namespace.',
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: [{ kind: 'rbac', group: '', resource: 'services', verbs: ['list'] }],
  example: {
    type: 'probe',
    name: 'web-service-exists',
    tolerance: true,
    provider: {
      type: 'python',
      module: 'chaosk8s.service.probes',
      func: 'service_is_initialized',
      arguments: { name: 'web', ns: 'storefront' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const found = await findObjects(
      SERVICE_IS_INITIALIZED,
      context,
      'Service',
      args.ns,
      args.name,
      args.label_selector,
    );
    if (found.length > 0) return true;
    if (!args.raise_if_service_not_initialized) return false;
    throw new ActionFailedError(`service '${args.name ?? ''}' is not initialized`);
  },
};
