import type { Resource } from '@simian/core';

/**
 * The owner the janitor tells: the provider's (from `inventory.ownerLabel`), else the first of
 * `keys` found among the labels, then annotations (tags on AWS are labels).
 */
export function ownerOf(r: Resource, keys: readonly string[]): string | undefined {
  if (r.owner) return r.owner;
  for (const key of keys) {
    const value = r.labels[key] ?? r.annotations?.[key];
    if (value) return value;
  }
  return undefined;
}
