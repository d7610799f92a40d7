import type { Inventory, InventoryKey, Provider, Resource } from '@simian/core';

/**
 * What the janitor listed in one scope (a Kubernetes context, an AWS region): the resources of
 * each kind, and which listings failed. A rule is judged in a scope only when every listing it
 * reads there is complete: a failed listing is never an empty one.
 */
export interface ScopeEstate {
  provider: string;
  scope: string;
  byKind: ReadonlyMap<string, readonly Resource[]>;
  /** Kind to why its listing failed. */
  incomplete: ReadonlyMap<string, string>;
  keys: ReadonlyMap<string, InventoryKey>;
  /** Indexes built from the listings once per scope (who references what). */
  memo: Map<string, unknown>;
}

/** The resources of `kind` in the estate (none when it was not listed). */
export const resourcesOf = (estate: ScopeEstate, kind: string): readonly Resource[] =>
  estate.byKind.get(kind) ?? [];

/** An index of the estate, built once. */
export function memo<T>(estate: ScopeEstate, key: string, build: () => T): T {
  if (!estate.memo.has(key)) estate.memo.set(key, build());
  return estate.memo.get(key) as T;
}

/** Every scope of every provider that has the kinds listed, through the run's shared inventory. */
export async function listEstates(
  inventory: Inventory,
  kinds: ReadonlyMap<string, readonly string[]>,
): Promise<ScopeEstate[]> {
  const out: ScopeEstate[] = [];
  for (const [provider, wanted] of kinds) {
    if (!inventory.hasProvider(provider) || wanted.length === 0) continue;
    for (const scope of inventory.provider(provider).scopes()) {
      const listings = await Promise.all(wanted.map((k) => inventory.list(provider, k, scope)));
      out.push({
        provider,
        scope,
        byKind: new Map(listings.map((l) => [l.key.kind, l.items])),
        incomplete: new Map(
          listings.filter((l) => !l.complete).map((l) => [l.key.kind, l.error ?? 'incomplete']),
        ),
        keys: new Map(listings.map((l) => [l.key.kind, l.key])),
        memo: new Map(),
      });
    }
  }
  return out;
}

/**
 * The same kinds in one scope, listed afresh from the provider rather than the run's inventory:
 * for the re-check just before an act, which must not judge by what the plan saw.
 */
export async function listFreshEstate(
  provider: Provider,
  scope: string,
  kinds: readonly string[],
  signal?: AbortSignal,
): Promise<ScopeEstate> {
  const byKind = new Map<string, readonly Resource[]>();
  const incomplete = new Map<string, string>();
  await Promise.all(
    kinds.map(async (kind) => {
      try {
        byKind.set(kind, await provider.list(kind, scope, signal ? { signal } : {}));
      } catch (e) {
        incomplete.set(kind, (e as Error).message);
      }
    }),
  );
  const keys = new Map(kinds.map((kind) => [kind, { provider: provider.name, kind, scope }]));
  return { provider: provider.name, scope, byKind, incomplete, keys, memo: new Map() };
}
