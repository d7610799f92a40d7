import type { Inventory, Resource } from '@simian/core';
import { scalingGroupView } from './instance-state.js';

/**
 * A fresh read of the Auto Scaling group `name` in `region` of `provider`. Its ref (which may hold
 * an id only the cloud knows) comes from the run's listing; the read itself goes to the API.
 */
export async function readAutoScalingGroup(
  inventory: Inventory,
  provider: string,
  region: string,
  name: string,
  signal?: AbortSignal,
): Promise<Resource | undefined> {
  const listing = await inventory.list(provider, 'AutoScalingGroup', region);
  const listed = listing.items.find((g) => (scalingGroupView(g)?.name ?? g.name) === name);
  if (!listed) return undefined;
  return inventory.provider(provider).read(listed.ref, signal ? { signal } : {});
}
