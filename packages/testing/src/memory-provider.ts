import { z } from 'zod';
import {
  FAULT_ACTIVE_KEY,
  FAULT_STAMP_KEYS,
  faultStampValues,
  readFaultStamp,
  type Action,
  type ExecuteOptions,
  type FaultRecord,
  type Monkey,
  type Plan,
  type Provider,
  type RefParts,
  type Resource,
} from '@simian/core';

/**
 * A provider over an in-memory list, for unit tests of the engine, the gate and the monkeys' own
 * logic (ordering, ledger, gating, rollback, several runs in a row): it applies marks, unmarks,
 * scales and deletes to its own copies. It tests Simian's logic, not any real API's behaviour,
 * which the sandbox tests cover against a real kube-apiserver and moto.
 *
 * Like the real providers, it keeps marks where its kind of provider does (annotations for
 * `kubernetes`, tags, i.e. labels, for any other) and fills `Resource.marks` from there on every
 * list and read, so a test that edits an annotation or tag edits the mark a monkey sees.
 */
export class MemoryProvider implements Provider {
  readonly name: string;
  readonly resources = new Map<string, Resource>();
  readonly calls: Array<{ verb: string; ref: string; dryRun: boolean }> = [];
  /** Kinds whose listing fails, as a throttled API would. */
  readonly failList = new Set<string>();
  /** Called inside execute, so a test can block or throw there. */
  onExecute: ((action: Action, options: ExecuteOptions) => Promise<void>) | undefined;
  /** Called before each read, so a test can change the resource between plan and action. */
  onRead: ((ref: string) => void) | undefined;
  readonly #scope: string;

  constructor(name = 'kubernetes', resources: readonly Resource[] = [], scope = 'test') {
    this.name = name;
    this.#scope = scope;
    for (const r of resources) this.put(r);
  }

  /**
   * Adds or replaces a resource (a copy: later changes to `r` do not reach the provider). Marks it
   * carries are kept where this provider keeps them.
   */
  put(r: Resource): void {
    const copy = structuredClone(r);
    if (copy.marks) Object.assign(markMedium(copy), copy.marks);
    delete copy.marks;
    this.resources.set(r.ref, copy);
  }

  scopes(): string[] {
    return [this.#scope];
  }

  /** The ref of a held resource with these parts, else one in the double's own `memory:` form. */
  ref(parts: RefParts): string {
    for (const r of this.resources.values()) {
      if (
        r.kind === parts.kind &&
        r.name === parts.name &&
        r.namespace === parts.namespace &&
        (r.context === parts.scope || r.region === parts.scope)
      ) {
        return r.ref;
      }
    }
    return `memory:${parts.scope}/${parts.namespace ?? '_'}/${parts.kind}/${parts.name}`;
  }

  async list(kind: string): Promise<Resource[]> {
    if (this.failList.has(kind)) throw new Error(`listing ${kind} was throttled (429)`);
    return [...this.resources.values()].filter((r) => r.kind === kind).map(withMarks);
  }

  async read(ref: string): Promise<Resource | undefined> {
    this.onRead?.(ref);
    const r = this.resources.get(ref);
    return r && withMarks(r);
  }

  async execute(action: Action, options: ExecuteOptions): Promise<Record<string, unknown>> {
    this.calls.push({ verb: action.verb, ref: action.resource.ref, dryRun: options.dryRun });
    await this.onExecute?.(action, options);
    const r = this.resources.get(action.resource.ref);
    if (options.dryRun || !r) return { done: true };
    const params = (action.params ?? {}) as {
      marks?: Record<string, string>;
      keys?: string[];
      replicas?: number;
      desiredCapacity?: number;
    };
    const store = markMedium(r);
    if (action.verb === 'mark') Object.assign(store, params.marks);
    if (action.verb === 'unmark') for (const k of params.keys ?? []) delete store[k];
    if (action.verb === 'scale') {
      // As a real provider's next listing would show it: the API object and its views.
      const n = params.replicas ?? params.desiredCapacity ?? 0;
      const raw = r.raw as { spec?: { replicas?: number } };
      raw.spec = { ...raw.spec, replicas: n };
      if (r.views?.workload) r.views.workload.desired = n;
      const group = r.views?.scalingGroup;
      if (group) {
        group.desired = n;
        group.min = Math.min(group.min ?? n, n);
      }
    }
    if (action.verb === 'delete') this.resources.delete(r.ref);
    if (action.verb === 'inject-fault' && options.fault) {
      Object.assign(store, faultStampValues(options.fault));
    }
    if (action.verb === 'remove-fault') {
      for (const k of [FAULT_ACTIVE_KEY, ...FAULT_STAMP_KEYS]) delete store[k];
    }
    return { done: true };
  }

  /** Resources whose marks carry a fault stamp, as a real provider finds them on its objects. */
  async listFaults(scope: string): Promise<FaultRecord[]> {
    return [...this.resources.values()].flatMap((r) => {
      const stamp = readFaultStamp(markMedium(r));
      if (!stamp) return [];
      return [
        {
          ...stamp,
          ref: r.ref,
          provider: r.provider,
          kind: r.kind,
          name: r.name,
          ...(r.namespace ? { namespace: r.namespace } : {}),
          scope,
        },
      ];
    });
  }
}

/** Where this double keeps marks, as the real providers do: annotations on Kubernetes, else tags. */
function markMedium(r: Resource): Record<string, string> {
  return r.provider === 'kubernetes' ? (r.annotations ??= {}) : r.labels;
}

/** A copy of a stored resource as a provider hands it out, its marks read from their medium. */
function withMarks(r: Resource): Resource {
  const copy = structuredClone(r);
  const medium = copy.provider === 'kubernetes' ? copy.annotations : copy.labels;
  return { ...copy, marks: { ...medium } };
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
    verbs: ['kubernetes:delete:Pod', 'kubernetes:inject-fault:Pod'],
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
