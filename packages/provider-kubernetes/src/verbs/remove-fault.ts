import { z } from 'zod';
import { rbacPermission } from '../kinds/kind.js';
import { FAULT_KINDS } from '../faults/fault-kinds.js';
import { deleteVerb } from './delete.js';
import { faultSchema } from './inject-fault.js';
import { defineVerb } from './verb.js';

/**
 * `remove-fault`: takes a fault out again, from the ref alone (the reaper of a later process has
 * nothing else): the fault is its own object, so it is deleted. Gone already is success.
 */
export const removeFaultVerb = defineVerb({
  verb: 'remove-fault',
  description:
    'Removes a fault injected by inject-fault, from the ref alone: the fault object is deleted (already gone is success).',
  // The engine passes the injection's params back (the reaper of a later process has none); the
  // ref is all this verb needs.
  params: z.strictObject({ fault: faultSchema.optional() }),
  appliesTo: (kind) => FAULT_KINDS.includes(kind.kind),
  permissions: (kind) => [rbacPermission(kind, ['delete'])],
  async run(context) {
    const out = await deleteVerb.run(context, { propagationPolicy: 'Background' });
    return { removed: true, ...out };
  },
});
