import type { Filter, ResourceType, Tag } from '@aws-sdk/client-ec2';
import type { Tags } from './aws-estate.js';

/** The tag that names a seeded resource's seed id. */
export const seedTag = 'simian:seed';
/** The tag that stands in for a creation time moto cannot backdate. */
export const createdAtTag = 'simian:created-at';

/** EC2 tags from a map, plus the seed id and, if given, a creation time `ageDays` before `now`. */
export function seedTags(id: string, tags: Tags, ageDays?: number, now = new Date()): Tag[] {
  const all: Tags = { ...tags, [seedTag]: id };
  if (ageDays !== undefined)
    all[createdAtTag] = new Date(now.getTime() - ageDays * 86_400_000).toISOString();
  return Object.entries(all).map(([Key, Value]) => ({ Key, Value }));
}

/** `TagSpecifications` for a create call. */
export const tagSpec = (ResourceType: ResourceType, Tags: Tag[]) => [{ ResourceType, Tags }];

/** A describe filter that finds the resource with a seed id. */
export const bySeedId = (id: string): Filter[] => [{ Name: `tag:${seedTag}`, Values: [id] }];

/** Records whether each seeded resource was created now or found from an earlier seed. */
export interface SeedLedger {
  created: string[];
  existing: string[];
}

/** Adds `what` to the created or the existing list. */
export function note(ledger: SeedLedger, created: boolean, what: string): void {
  (created ? ledger.created : ledger.existing).push(what);
}
