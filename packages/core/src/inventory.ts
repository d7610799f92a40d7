import type { Provider } from './provider.js';
import { inventoryKeyString, type InventoryKey, type Resource } from './types.js';
import { SimianError } from './errors.js';

/**
 * One listing of a kind in a scope. `complete: false` means the listing failed, was throttled or
 * was cut short: the items are whatever arrived, and nothing may be concluded from an absence.
 */
export interface Listing {
  key: InventoryKey;
  complete: boolean;
  items: Resource[];
  error?: string;
  /** Wall time of the listing, in ms. */
  durationMs: number;
}

/**
 * The shared, lazily filled inventory of one run. Each (provider, scope, kind) is listed at most
 * once per run, however many monkeys ask, and concurrent askers share the one request in flight.
 */
export class Inventory {
  readonly #providers = new Map<string, Provider>();
  readonly #listings = new Map<string, Promise<Listing>>();
  /** Per-item details asked for, by `provider:Kind`. */
  readonly #details = new Map<string, Set<string>>();
  readonly #signal: AbortSignal | undefined;

  constructor(providers: Provider[], options: { signal?: AbortSignal } = {}) {
    for (const p of providers) this.#providers.set(p.name, p);
    this.#signal = options.signal;
  }

  provider(name: string): Provider {
    const p = this.#providers.get(name);
    if (!p) {
      throw new SimianError('WIRING', `no provider "${name}" is configured`, {
        hint: `add a "targets.${name}" section to simian.yaml`,
      });
    }
    return p;
  }

  hasProvider(name: string): boolean {
    return this.#providers.has(name);
  }

  providers(): Provider[] {
    return [...this.#providers.values()];
  }

  /**
   * Asks every later listing of a kind to fetch these per-item details too
   * (`aws:Snapshot:createVolumePermission`, from {@link Monkey.details}). Call it for every monkey
   * of the run before any of them lists, so the one shared listing carries what each needs.
   */
  need(details: readonly string[]): void {
    for (const entry of details) {
      const [provider, kind, detail] = entry.split(':');
      if (!provider || !kind || !detail) {
        throw new SimianError('WIRING', `"${entry}" is not a detail (provider:Kind:detail)`, {
          hint: 'a monkey declares details as aws:Snapshot:createVolumePermission',
        });
      }
      const key = `${provider}:${kind}`;
      const set = this.#details.get(key) ?? new Set<string>();
      this.#details.set(key, set.add(detail));
    }
  }

  /** One kind in one scope. */
  list(provider: string, kind: string, scope: string): Promise<Listing> {
    const key: InventoryKey = { provider, kind, scope };
    const id = inventoryKeyString(key);
    let pending = this.#listings.get(id);
    if (!pending) {
      pending = this.#fetch(key);
      this.#listings.set(id, pending);
    }
    return pending;
  }

  /** One kind in every scope the provider serves (all contexts, all regions). */
  async listAll(provider: string, kind: string): Promise<Listing[]> {
    if (!this.hasProvider(provider)) return [];
    const p = this.provider(provider);
    return Promise.all(p.scopes().map((scope) => this.list(provider, kind, scope)));
  }

  /** Every listing made so far, settled. */
  async listings(): Promise<Listing[]> {
    return Promise.all(this.#listings.values());
  }

  /** Listings that failed or were cut short. */
  async incomplete(): Promise<Listing[]> {
    return (await this.listings()).filter((l) => !l.complete);
  }

  /** Whether a listing was made and finished complete; unknown keys count as incomplete. */
  async isComplete(key: InventoryKey): Promise<boolean> {
    const pending = this.#listings.get(inventoryKeyString(key));
    if (!pending) return false;
    return (await pending).complete;
  }

  async #fetch(key: InventoryKey): Promise<Listing> {
    const started = performance.now();
    const details = this.#details.get(`${key.provider}:${key.kind}`);
    try {
      const items = await this.provider(key.provider).list(key.kind, key.scope, {
        ...(this.#signal ? { signal: this.#signal } : {}),
        ...(details ? { details: [...details] } : {}),
      });
      return { key, complete: true, items, durationMs: performance.now() - started };
    } catch (e) {
      const error = e instanceof SimianError ? e.describe() : String((e as Error)?.message ?? e);
      return { key, complete: false, items: [], error, durationMs: performance.now() - started };
    }
  }
}
