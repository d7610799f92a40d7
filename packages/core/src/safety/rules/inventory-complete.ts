import { inventoryKeyString } from '../../types.js';
import { drop, PASS, type GateRule } from '../rule.js';

export const inventoryCompleteRule: GateRule = {
  name: 'inventory-complete',
  description:
    'An action that relies on a listing (e.g. "this volume is unused because no pod mounts it") is dropped when that listing failed, was throttled or is incomplete: a failed listing is never an empty one.',
  appliesTo: 'all',
  resourceOnly: false,
  async check(action, ctx) {
    // A saved plan was judged complete when it was made; at apply time each resource is read again.
    if (ctx.phase === 'apply-file' || !action.dependsOn?.length) return PASS;
    if (!ctx.inventory) return drop('no inventory to confirm the listings this action relies on');
    for (const key of action.dependsOn) {
      if (!(await ctx.inventory.isComplete(key))) {
        return drop(
          `the listing of ${inventoryKeyString(key)} failed or is incomplete, so its absence proves nothing`,
        );
      }
    }
    return PASS;
  },
};
