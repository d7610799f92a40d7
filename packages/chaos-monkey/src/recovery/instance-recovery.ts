import type { Action, Inventory } from '@simian/core';
import { parseInstanceGroupKey } from '../aws/group-key.js';
import { inServiceIds, instanceIdOf, isRunning, scalingGroupView } from '../aws/instance-state.js';
import { readAutoScalingGroup } from '../aws/read-auto-scaling-group.js';
import type { RecoveryLook } from './recovery.js';

/**
 * One look at an instance group after one of its instances was killed.
 *
 * An Auto Scaling group has recovered when its InService, Healthy members (the victim not counted
 * after terminate or stop; counted again once running after a reboot) are back to its
 * DesiredCapacity. A tag group has no desired size: it has recovered when as many of its instances
 * run as were healthy when the plan was made (`healthyBefore`).
 */
export function instanceRecoveryLook(
  inventory: Inventory,
  action: Action,
  groupTag: string,
  healthyBefore: number,
  signal: AbortSignal,
): () => Promise<RecoveryLook> {
  const providerName = action.resource.provider;
  const provider = inventory.provider(providerName);
  // An instance resource's name is its id.
  const victimId = action.resource.name;
  const reboot = action.verb === 'reboot';
  const key = parseInstanceGroupKey(action.group ?? '', groupTag);
  const region = action.resource.region ?? '';
  const victimBack = async () => {
    if (!reboot) return false;
    const fresh = await provider.read(action.resource.ref, { signal });
    return fresh !== undefined && isRunning(fresh);
  };
  return async () => {
    if (!key) return { done: false, hopeless: `group "${action.group}" cannot be read` };
    if (key.kind === 'AutoScalingGroup') {
      const asg = await readAutoScalingGroup(inventory, providerName, region, key.name, signal);
      if (!asg) return { done: false, hopeless: `Auto Scaling group ${key.name} was deleted` };
      const view = scalingGroupView(asg);
      const desired = view?.desired ?? 0;
      const others = inServiceIds(view).filter((id) => id !== victimId).length;
      const ready = others + ((await victimBack()) ? 1 : 0);
      return { done: ready >= desired, ready, desired };
    }
    const ready = (await provider.list('Instance', region, { signal })).filter(
      (i) =>
        i.labels[key.tag] === key.value && isRunning(i) && (reboot || instanceIdOf(i) !== victimId),
    ).length;
    return { done: ready >= healthyBefore, ready, desired: healthyBefore };
  };
}
