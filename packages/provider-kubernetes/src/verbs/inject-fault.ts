import { ActionFailedError } from '@simian/core';
import { z } from 'zod';
import { FAULT_KINDS } from '../faults/fault-kinds.js';
import { stampObject } from '../faults/stamp.js';
import { rbacPermission } from '../kinds/kind.js';
import { createObject } from './create.js';
import { defineVerb } from './verb.js';

/** What a fault is, in `params.fault`: an object of its own, created at the action's ref. */
export const faultSchema = z.strictObject({ object: z.record(z.string(), z.unknown()) });

/**
 * `inject-fault`: puts a fault in place, stamped with its expiry and owner run (see
 * `faultStampValues`), so that it says when it ends even if Simian dies. Here the fault is an
 * object of its own (a deny-all NetworkPolicy, a Chaos Mesh `NetworkChaos`), given as
 * `params.fault.object` and created at the action's ref; `remove-fault` deletes it.
 */
export const injectFaultVerb = defineVerb({
  verb: 'inject-fault',
  description:
    "Creates the fault object given in params.fault.object at the action's ref, stamped with its expiry and run (faults.simian.dev/*); remove-fault deletes it.",
  params: z.strictObject({ fault: faultSchema }),
  appliesTo: (kind) => FAULT_KINDS.includes(kind.kind),
  permissions: (kind) => [rbacPermission(kind, ['create'])],
  recoveredBy: 'remove-fault',
  async run(context, params) {
    if (!context.fault) {
      throw new ActionFailedError(
        `kubernetes (context ${context.cluster.name}): inject-fault ${context.action.id} came without its expiry stamp`,
        { hint: 'faults reach providers only through the engine, which stamps them' },
      );
    }
    const object = stampObject(params.fault.object, context.fault, 'delete');
    const created = await createObject(context, object);
    return { ...created, expiresAt: context.fault.expiresAt };
  },
});
