import { ActionFailedError } from '@simian/core';
import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { FAULT_KINDS } from '../faults/fault-kinds.js';
import { restoreHttpRoutes } from '../faults/http-fault.js';
import { removeNetem } from '../faults/netem-fault.js';
import { FAULT_RECOVERY_KEY, recoveryOf } from '../faults/stamp.js';
import { rbacPermission, resourcePath, type KubeObject } from '../kinds/kind.js';
import { buildRef } from '../ref.js';
import { isNotFound } from '../rest/api-error.js';
import { deleteVerb } from './delete.js';
import { defineVerb, type VerbContext } from './verb.js';

/**
 * `remove-fault`: takes a fault out again, from the ref alone (the reaper of a later process has
 * nothing else). The object says how (`faults.simian.dev/recovery`): delete it, restore the routes
 * saved on it, or end its netem. Gone already, or no longer stamped, is success; an object that
 * carries no Simian fault is never touched.
 */
export const removeFaultVerb = defineVerb({
  verb: 'remove-fault',
  description:
    "Removes a fault injected by inject-fault, from the ref alone, as the object's faults.simian.dev/recovery says: deletes a fault object, restores a VirtualService's saved routes, or ends a pod's netem (a clearing ephemeral container unless the fault's own already ended). Gone already is success.",
  // The engine passes the injection's params back; the object itself says how to remove it.
  params: z.strictObject({ fault: z.unknown().optional() }),
  appliesTo: (kind) => FAULT_KINDS.includes(kind.kind),
  permissions: (kind) =>
    kind.kind === 'Pod'
      ? [
          rbacPermission(kind, ['get', 'patch']),
          rbacPermission(kind, ['patch'], 'ephemeralcontainers'),
        ]
      : kind.group === 'networking.istio.io'
        ? [rbacPermission(kind, ['get', 'patch', 'delete'])]
        : [rbacPermission(kind, ['get', 'delete'])],
  async run(context) {
    const object = await readOrGone(context);
    if (!object) return { removed: false, alreadyGone: true };
    const recovery = recoveryOf(object);
    switch (recovery) {
      case 'unstamped':
        return { removed: false, alreadyRemoved: true };
      case 'delete': {
        const out = await deleteVerb.run(context, { propagationPolicy: 'Background' });
        return { removed: true, ...out };
      }
      case 'restore-http':
        return restoreHttpRoutes(context);
      case 'netem':
        return removeNetem(context);
      default:
        throw new ActionFailedError(
          `kubernetes (context ${context.cluster.name}): ${buildRef(context.ref)} carries a Simian fault Simian does not know how to remove (${FAULT_RECOVERY_KEY}: "${object.metadata?.annotations?.[FAULT_RECOVERY_KEY] ?? ''}")`,
          { hint: 'a newer Simian injected it: remove it with that version' },
        );
    }
  },
});

async function readOrGone(context: VerbContext): Promise<KubeObject | undefined> {
  const { cluster, kind, ref, signal } = context;
  try {
    return await cluster.client.call<KubeObject>({
      method: 'GET',
      path: resourcePath(kind, { namespace: ref.namespace, name: ref.name }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw explainKubeError(
      error,
      {
        context: cluster.name,
        rbacVerb: 'get',
        kind,
        namespace: ref.namespace,
        name: ref.name,
        action: 'remove-fault',
      },
      'action',
    );
  }
}
