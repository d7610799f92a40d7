import { z } from 'zod';
import type { Monkey } from '../monkey.js';
import type { ExecuteOptions, Provider } from '../provider.js';
import type { Action, Plan, Resource } from '../types.js';

/**
 * A provider over an in-memory list, for unit tests of the engine and the gate: it tests core's
 * own logic (ordering, ledger, gating, rollback), not any real API's behaviour, which the sandbox
 * tests cover against a real kube-apiserver and moto.
 */
export class MemoryProvider implements Provider {
  readonly name: string;
  readonly resources = new Map<string, Resource>();
  readonly calls: Array<{ verb: string; ref: string; dryRun: boolean }> = [];
  failList = new Set<string>();
  /** Called inside execute, so a test can block or throw there. */
  onExecute: ((action: Action, options: ExecuteOptions) => Promise<void>) | undefined;

  constructor(name = 'kubernetes', resources: Resource[] = []) {
    this.name = name;
    for (const r of resources) this.resources.set(r.ref, r);
  }

  scopes() {
    return ['test'];
  }

  async list(kind: string): Promise<Resource[]> {
    if (this.failList.has(kind)) throw new Error(`listing ${kind} was throttled (429)`);
    return [...this.resources.values()].filter((r) => r.kind === kind);
  }

  async read(ref: string) {
    return this.resources.get(ref);
  }

  async execute(action: Action, options: ExecuteOptions) {
    this.calls.push({ verb: action.verb, ref: action.resource.ref, dryRun: options.dryRun });
    await this.onExecute?.(action, options);
    if (!options.dryRun && action.verb === 'delete') this.resources.delete(action.resource.ref);
    return { done: true };
  }
}

export function pod(
  name: string,
  labels: Record<string, string> = {},
  namespace = 'shop',
): Resource {
  return {
    ref: `k8s:test/${namespace}/Pod/${name}`,
    provider: 'kubernetes',
    kind: 'Pod',
    name,
    namespace,
    context: 'test',
    labels,
    raw: {},
  };
}

export function actionOn(r: Resource, overrides: Partial<Action> = {}): Action {
  return {
    id: `delete-${r.name}`,
    monkey: 'test',
    verb: 'delete',
    resource: {
      ref: r.ref,
      provider: r.provider,
      kind: r.kind,
      name: r.name,
      labels: r.labels,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      ...(r.context ? { context: r.context } : {}),
    },
    reason: 'test',
    reversible: false,
    group: 'shop/web',
    ...overrides,
  };
}

/** A monkey that deletes every Pod it lists, in one group `shop/web`. */
export function deletingMonkey(extra: Partial<Monkey> = {}): Monkey {
  return {
    name: 'test',
    description: 'deletes every pod it sees (tests only)',
    destructive: true,
    configSchema: z.strictObject({ note: z.string().optional() }),
    reads: ['kubernetes:Pod'],
    verbs: ['delete'],
    async plan(ctx): Promise<Plan> {
      const listings = await ctx.inventory.listAll('kubernetes', 'Pod');
      const pods = listings.flatMap((l) => l.items);
      return {
        monkey: 'test',
        findings: [],
        actions: pods.map((p) => actionOn(p, { dependsOn: listings.map((l) => l.key) })),
        groups: { 'shop/web': { total: pods.length, healthy: pods.length, desired: pods.length } },
      };
    },
    ...extra,
  };
}
