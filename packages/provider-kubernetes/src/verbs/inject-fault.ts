import { ActionFailedError } from '@simian/core';
import { z } from 'zod';
import { isChaosMeshExperiment, withChaosMeshDuration } from '../faults/chaos-mesh.js';
import { FAULT_KINDS } from '../faults/fault-kinds.js';
import { faultSchema } from '../faults/fault-params.js';
import { injectHttpFault } from '../faults/http-fault.js';
import { injectNetem } from '../faults/netem-fault.js';
import { stampObject } from '../faults/stamp.js';
import { rbacPermission, type KindInfo, type KubeObject } from '../kinds/kind.js';
import { buildRef } from '../ref.js';
import { createObject } from './create.js';
import { defineVerb } from './verb.js';

const isVirtualService = (kind: Pick<KindInfo, 'group' | 'apiKind'>) =>
  kind.group === 'networking.istio.io' && kind.apiKind === 'VirtualService';

/**
 * `inject-fault`: puts a fault in place, stamped with its expiry and owner run (see
 * `faultStampValues`), so that it says when it ends even if Simian dies. What the fault is comes
 * in `params.fault` (see `faults/fault-params.ts`): an object of its own, an Istio HTTP fault on a
 * VirtualService, or tc netem in a pod. `remove-fault` undoes each from the ref alone.
 */
export const injectFaultVerb = defineVerb({
  verb: 'inject-fault',
  description:
    "Puts the fault of params.fault in place at the action's ref, stamped with its expiry and run (faults.simian.dev/*): an object of its own (a deny NetworkPolicy, a Chaos Mesh NetworkChaos with spec.duration ending at the expiry), an Istio delay/abort on a VirtualService's HTTP routes, or tc netem in a Pod from an ephemeral container (NET_ADMIN) that removes it itself at the expiry.",
  params: z.strictObject({ fault: faultSchema }),
  appliesTo: (kind) => FAULT_KINDS.includes(kind.kind),
  permissions: (kind) =>
    kind.kind === 'Pod'
      ? [
          rbacPermission(kind, ['get', 'patch']),
          rbacPermission(kind, ['patch'], 'ephemeralcontainers'),
        ]
      : isVirtualService(kind)
        ? [rbacPermission(kind, ['get', 'patch', 'create'])]
        : [rbacPermission(kind, ['create'])],
  recoveredBy: 'remove-fault',
  async run(context, params) {
    const where = `kubernetes (context ${context.cluster.name}): ${buildRef(context.ref)}`;
    const stamp = context.fault;
    if (!stamp) {
      throw new ActionFailedError(
        `kubernetes (context ${context.cluster.name}): inject-fault ${context.action.id} came without its expiry stamp`,
        { hint: 'faults reach providers only through the engine, which stamps them' },
      );
    }
    const fault = params.fault;
    if ('httpFault' in fault) {
      if (!isVirtualService(context.kind)) throw misplaced(where, 'httpFault', 'a VirtualService');
      return injectHttpFault(context, fault.httpFault, stamp);
    }
    if ('netem' in fault) {
      if (context.kind.kind !== 'Pod') throw misplaced(where, 'netem', 'a Pod');
      return injectNetem(context, fault.netem, stamp);
    }
    if (context.kind.kind === 'Pod') throw misplaced(where, 'object', 'an object of its own');
    let object = fault.object as KubeObject;
    if (isChaosMeshExperiment(context.kind)) {
      object = withChaosMeshDuration(object, stamp, Date.now(), where);
    }
    const created = await createObject(context, stampObject(object, stamp, 'delete'));
    const duration = (object.spec as { duration?: unknown } | undefined)?.duration;
    return {
      ...created,
      expiresAt: stamp.expiresAt,
      ...(isChaosMeshExperiment(context.kind) ? { chaosMeshDuration: duration } : {}),
    };
  },
});

const misplaced = (where: string, what: string, on: string) =>
  new ActionFailedError(`${where}: a fault given as ${what} goes on ${on}`, {
    hint: 'object: a fault of its own (NetworkPolicy, NetworkChaos, VirtualService); httpFault: a VirtualService; netem: a Pod',
  });
