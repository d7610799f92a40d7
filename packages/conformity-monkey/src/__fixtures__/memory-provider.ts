// An in-memory provider for the unit tests of planning and the re-check: it applies marks,
// unmarks, scales and deletes to its own copies, so several runs in a row see each other's work.
// It tests the monkey's logic, not any API's behaviour (the sandbox tests do that).
import type { Action, ExecuteOptions, Provider, Resource } from '@simian/core';

export class MemoryProvider implements Provider {
  readonly name: string;
  readonly resources = new Map<string, Resource>();
  readonly calls: Array<{ verb: string; ref: string; dryRun: boolean }> = [];
  /** Kinds whose listing fails, as a throttled API would. */
  readonly failList = new Set<string>();
  /** Called before each read, so a test can change the resource between plan and action. */
  onRead: ((ref: string) => void) | undefined;
  readonly #scope: string;

  constructor(name: string, scope: string, resources: readonly Resource[] = []) {
    this.name = name;
    this.#scope = scope;
    for (const r of resources) this.put(r);
  }

  put(r: Resource): void {
    this.resources.set(r.ref, structuredClone(r));
  }

  scopes(): string[] {
    return [this.#scope];
  }

  async list(kind: string): Promise<Resource[]> {
    if (this.failList.has(kind)) throw new Error(`listing ${kind} was throttled (429)`);
    return [...this.resources.values()]
      .filter((r) => r.kind === kind)
      .map((r) => structuredClone(r));
  }

  async read(ref: string): Promise<Resource | undefined> {
    this.onRead?.(ref);
    const r = this.resources.get(ref);
    return r && structuredClone(r);
  }

  async execute(action: Action, options: ExecuteOptions): Promise<Record<string, unknown>> {
    this.calls.push({ verb: action.verb, ref: action.resource.ref, dryRun: options.dryRun });
    const r = this.resources.get(action.resource.ref);
    if (!r) throw new Error(`${action.resource.ref} is gone`);
    if (options.dryRun) return { dryRun: true };
    const params = (action.params ?? {}) as {
      annotations?: Record<string, string>;
      tags?: Record<string, string>;
      keys?: string[];
      replicas?: number;
    };
    const store = r.provider === 'kubernetes' ? (r.annotations ??= {}) : r.labels;
    if (action.verb === 'mark') Object.assign(store, params.annotations, params.tags);
    if (action.verb === 'unmark') for (const k of params.keys ?? []) delete store[k];
    if (action.verb === 'scale') {
      const raw = r.raw as { spec?: { replicas?: number } };
      raw.spec = { ...raw.spec, replicas: params.replicas ?? 0 };
    }
    if (action.verb === 'delete') this.resources.delete(r.ref);
    return { done: true };
  }
}
