import {
  FAULT_ACTIVE_KEY,
  FAULT_STAMP_KEYS,
  faultStampValues,
  readFaultStamp,
  selectorMatches,
  type Action,
  type ExecuteOptions,
  type FaultRecord,
  type Provider,
  type RefParts,
  type Resource,
} from '@simian/core';
import { arnOf } from '@simian/provider-aws';
import { refFromParts } from '@simian/provider-kubernetes';

/** One call that reached the provider: what was asked, and the resource as it stood then. */
export interface ProviderCall {
  provider: string;
  verb: string;
  ref: string;
  dryRun: boolean;
  action: Action;
  /** The resource at `ref` just before the call (undefined: there was none). */
  before: Resource | undefined;
  /**
   * For a fault that is an object of its own (a NetworkChaos, a deny NetworkPolicy), created by
   * the call: the resource it is put on (`Action.faultOn`, a Service), as it stood then.
   */
  faultOn?: Resource | undefined;
  /** What the provider answered: a refusal by the system itself (a budget) is `skipped`. */
  answer: 'done' | 'skipped';
}

/**
 * A provider over a drawn estate, in several scopes (contexts or regions), that behaves as the
 * real APIs do where the properties care: a delete, eviction or termination removes the object;
 * an eviction a PodDisruptionBudget forbids is refused (the Eviction API's 429), and each allowed
 * one uses up a disruption; marks, scales and fault stamps land on the object; a fault that is an
 * object of its own is created, stamped, by its injection and deleted by its removal; dry-run
 * changes nothing. Every call is recorded with the resource as it stood, for the oracle.
 */
export class EstateProvider implements Provider {
  readonly name: string;
  readonly resources = new Map<string, Resource>();
  /** Every call, in order; providers of one estate share it, so sessions slice it by index. */
  readonly calls: ProviderCall[];
  /** Runs before each call: the harness checks the ledger row is already written. */
  beforeCall: ((action: Action, dryRun: boolean) => void) | undefined;
  readonly #scopes: string[];
  readonly #allowed = new Map<string, number>();
  /** The fault objects injections created: removing the fault deletes them. */
  readonly #faultObjects = new Set<string>();

  constructor(
    name: 'kubernetes' | 'aws',
    scopes: readonly string[],
    resources: Resource[],
    calls: ProviderCall[] = [],
  ) {
    this.name = name;
    this.calls = calls;
    this.#scopes = [...scopes];
    for (const r of resources) {
      this.resources.set(r.ref, structuredClone(r));
      const budget = r.views?.disruptionBudget;
      if (budget?.disruptionsAllowed !== undefined)
        this.#allowed.set(r.ref, budget.disruptionsAllowed);
    }
  }

  scopes(): string[] {
    return this.#scopes;
  }

  #scopeOf(r: Resource): string | undefined {
    return this.name === 'aws' ? r.region : r.context;
  }

  ref(parts: RefParts): string {
    if (this.name === 'kubernetes') return refFromParts(parts);
    const account =
      parts.account ??
      [...this.resources.values()].find((r) => r.region === parts.scope)?.context ??
      '111111111111';
    return arnOf(parts.kind, parts.name, parts.scope, account);
  }

  async list(kind: string, scope: string): Promise<Resource[]> {
    return [...this.resources.values()]
      .filter((r) => r.kind === kind && this.#scopeOf(r) === scope)
      .map((r) => structuredClone(r));
  }

  async read(ref: string): Promise<Resource | undefined> {
    const r = this.resources.get(ref);
    return r && structuredClone(r);
  }

  async execute(action: Action, options: ExecuteOptions): Promise<Record<string, unknown>> {
    this.beforeCall?.(action, options.dryRun);
    const ref = action.resource.ref;
    const r = this.resources.get(ref);
    const call: ProviderCall = {
      provider: this.name,
      verb: action.verb,
      ref,
      dryRun: options.dryRun,
      action,
      before: r && structuredClone(r),
      answer: 'done',
    };
    const on = !r && action.verb === 'inject-fault' && action.faultOn;
    if (on) call.faultOn = structuredClone(this.resources.get(on));
    this.calls.push(call);
    if (action.verb === 'evict' && r) {
      const budget = this.budgetOf(r);
      if (budget && (this.#allowed.get(budget) ?? 0) <= 0) {
        call.answer = 'skipped';
        return { skipped: true, reason: 'the PodDisruptionBudget allows no disruption now' };
      }
      if (budget && !options.dryRun) {
        // As the disruption controller does: the budget's status says one fewer.
        const left = this.#allowed.get(budget)! - 1;
        this.#allowed.set(budget, left);
        const view = this.resources.get(budget)?.views?.disruptionBudget;
        if (view) view.disruptionsAllowed = left;
      }
    }
    if (options.dryRun) return { done: true };
    if (!r && action.verb === 'inject-fault') {
      this.#createFault(action, options);
      return { done: true };
    }
    if (!r) return { done: true };
    this.#apply(action, r, options);
    return { done: true };
  }

  /** A fault object (`params.fault.object`) as the API would store it, carrying its stamp. */
  #createFault(action: Action, options: ExecuteOptions): void {
    const object = (action.params as { fault?: { object?: { metadata?: { labels?: object } } } })
      ?.fault?.object;
    if (!object || !options.fault) return;
    const stamp = faultStampValues(options.fault);
    const { ref, provider, kind, name, namespace, context } = action.resource;
    this.resources.set(ref, {
      ref,
      provider,
      kind,
      name,
      ...(namespace ? { namespace } : {}),
      ...(context ? { context } : {}),
      labels: { ...(object.metadata?.labels as Record<string, string> | undefined) },
      annotations: { ...stamp },
      marks: { ...stamp },
      raw: object,
    });
    this.#faultObjects.add(ref);
  }

  /** The budget covering pod `r`, if one does. */
  budgetOf(r: Resource): string | undefined {
    for (const b of this.resources.values()) {
      const view = b.views?.disruptionBudget;
      if (!view || b.namespace !== r.namespace || b.context !== r.context) continue;
      if (selectorMatches(view.selector, r.labels)) return b.ref;
    }
    return undefined;
  }

  #apply(action: Action, r: Resource, options: ExecuteOptions): void {
    const medium = this.name === 'kubernetes' ? (r.annotations ??= {}) : r.labels;
    const marks = (r.marks ??= {});
    const params = (action.params ?? {}) as {
      marks?: Record<string, string>;
      keys?: string[];
      replicas?: number;
      desiredCapacity?: number;
    };
    switch (action.verb) {
      case 'delete':
      case 'evict':
      case 'terminate':
        this.resources.delete(r.ref);
        return;
      case 'mark':
        Object.assign(medium, params.marks);
        Object.assign(marks, params.marks);
        return;
      case 'unmark':
        for (const k of params.keys ?? []) {
          delete medium[k];
          delete marks[k];
        }
        return;
      case 'scale': {
        const n = params.replicas ?? params.desiredCapacity ?? 0;
        if (r.views?.workload) r.views.workload.desired = n;
        if (r.views?.scalingGroup) r.views.scalingGroup.desired = n;
        return;
      }
      case 'inject-fault':
        if (options.fault) {
          Object.assign(medium, faultStampValues(options.fault));
          Object.assign(marks, faultStampValues(options.fault));
        }
        return;
      case 'remove-fault':
        // A fault object goes with its fault; on an object of the estate, the stamp comes off.
        if (this.#faultObjects.delete(r.ref)) {
          this.resources.delete(r.ref);
          return;
        }
        for (const k of [FAULT_ACTIVE_KEY, ...FAULT_STAMP_KEYS]) {
          delete medium[k];
          delete marks[k];
        }
        return;
      default:
        // kill-container, stop, reboot: the object stays; the process or machine restarts.
        return;
    }
  }

  /** What each budget allows now. */
  budgetsNow(): Map<string, number> {
    return new Map(this.#allowed);
  }

  async listFaults(scope: string): Promise<FaultRecord[]> {
    return [...this.resources.values()].flatMap((r) => {
      if (this.#scopeOf(r) !== scope) return [];
      const stamp = readFaultStamp(r.marks ?? {});
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
