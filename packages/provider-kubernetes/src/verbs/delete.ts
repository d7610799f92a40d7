import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { rbacPermission, resourcePath } from '../kinds/kind.js';
import { isNotFound } from '../rest/api-error.js';
import { defineVerb, dryRunQuery } from './verb.js';

/** `delete`: removes an object, with the propagation policy of your choice. */
export const deleteVerb = defineVerb({
  verb: 'delete',
  description:
    'Deletes the object. Dependents follow by propagationPolicy (default Background); gracePeriodSeconds overrides the pod spec.',
  params: z.strictObject({
    /** @default the object's own grace period */
    gracePeriodSeconds: z.int().min(0).optional(),
    /** @default "Background" */
    propagationPolicy: z.enum(['Background', 'Foreground', 'Orphan']).default('Background'),
  }),
  appliesTo: () => true,
  permissions: (kind) => [rbacPermission(kind, ['delete'])],
  async run({ cluster, kind, ref, dryRun, signal }, params) {
    const call = {
      method: 'DELETE' as const,
      path: resourcePath(kind, { namespace: ref.namespace, name: ref.name }),
      query: {
        ...dryRunQuery(dryRun),
        propagationPolicy: params.propagationPolicy,
        gracePeriodSeconds: params.gracePeriodSeconds,
      },
      ...(signal ? { signal } : {}),
    };
    try {
      await cluster.client.call(call);
      return { deleted: true, propagationPolicy: params.propagationPolicy };
    } catch (error) {
      // Gone between the re-read and the call: what we wanted has happened.
      if (isNotFound(error)) return { deleted: false, alreadyGone: true };
      throw explainKubeError(
        error,
        {
          context: cluster.name,
          rbacVerb: 'delete',
          kind,
          namespace: ref.namespace,
          name: ref.name,
        },
        'action',
      );
    }
  },
});
