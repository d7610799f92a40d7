import type { Inventory, InventoryKey, Listing, Resource } from '@simian/core';
import type { ProviderKinds } from './inventory-kinds.js';

/** What was listed in one Kubernetes context or AWS region. */
export interface ScopeInventory {
  provider: string;
  /** Context (Kubernetes) or region (AWS). */
  scope: string;
  /** Resources the rules judge. */
  judged: Resource[];
  /** Resources the rules only look up, under the kind name the rules use. */
  related: Resource[];
  /** Every listing made for this scope: what each decision in it relies on. */
  keys: InventoryKey[];
  /** Listings that failed or were cut short, with why. */
  incomplete: Array<{ kind: string; error: string }>;
}

/**
 * Lists the kinds from the shared inventory (each kind once per run, whoever asks) in every
 * context and region, and sorts the listings by scope. Scopes are evaluated apart because the
 * rules' lookups (`data.inventory[kind][namespace]`) do not know about contexts. `onlyProvider`
 * limits the listing to one provider (the re-check of one resource).
 */
export async function listScopes(
  inventory: Inventory,
  kinds: readonly ProviderKinds[],
  onlyProvider?: string,
): Promise<ScopeInventory[]> {
  const scopes = new Map<string, ScopeInventory>();
  const scopeOf = (l: Listing): ScopeInventory => {
    const id = `${l.key.provider}\0${l.key.scope}`;
    let s = scopes.get(id);
    if (!s) {
      s = {
        provider: l.key.provider,
        scope: l.key.scope,
        judged: [],
        related: [],
        keys: [],
        incomplete: [],
      };
      scopes.set(id, s);
    }
    s.keys.push(l.key);
    if (!l.complete) s.incomplete.push({ kind: l.key.kind, error: l.error ?? 'incomplete' });
    return s;
  };

  // Listed concurrently, then filed in the configured kind order, so plans are deterministic.
  const listed = await Promise.all(
    kinds
      .filter(
        (p) =>
          inventory.hasProvider(p.provider) &&
          (onlyProvider === undefined || onlyProvider === p.provider),
      )
      .flatMap((p) => [
        ...p.judged.map(async (kind) => ({
          judged: true,
          kind,
          listings: await inventory.listAll(p.provider, kind),
        })),
        ...p.related.map(async ({ kind, listAs }) => ({
          judged: false,
          kind,
          listings: await inventory.listAll(p.provider, listAs),
        })),
      ]),
  );
  for (const { judged, kind, listings } of listed) {
    for (const l of listings) {
      const s = scopeOf(l);
      if (judged) s.judged.push(...l.items);
      else s.related.push(...l.items.map((r) => (r.kind === kind ? r : { ...r, kind })));
    }
  }
  return [...scopes.values()].sort((a, b) =>
    `${a.provider}/${a.scope}`.localeCompare(`${b.provider}/${b.scope}`),
  );
}
