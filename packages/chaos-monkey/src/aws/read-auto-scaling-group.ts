import type { Inventory, Resource } from '@simian/core';
import { autoScalingGroup } from './aws-object.js';

/**
 * A fresh read of the Auto Scaling group `name` in `region`. Its ref (an ARN with the group's
 * UUID) comes from the run's listing; the read itself goes to the API.
 */
export async function readAutoScalingGroup(
  inventory: Inventory,
  region: string,
  name: string,
  signal?: AbortSignal,
): Promise<Resource | undefined> {
  const listing = await inventory.list('aws', 'AutoScalingGroup', region);
  const listed = listing.items.find(
    (g) => (autoScalingGroup(g.raw).AutoScalingGroupName ?? g.name) === name,
  );
  if (!listed) return undefined;
  return inventory.provider('aws').read(listed.ref, signal ? { signal } : {});
}
