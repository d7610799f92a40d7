import type { Logger } from '../logger.js';
import {
  declaresVerb,
  monkeyReads,
  monkeyVerbs,
  type Monkey,
  type PlanContext,
} from '../monkey.js';
import { INJECT_FAULT, REMOVE_FAULT } from '../faults/fault-pairs.js';
import type { FaultStamp } from '../faults/fault-stamp.js';
import type { Provider } from '../provider.js';
import type { Store } from '../store/store.js';
import { isDestructive, type Action, type ActionOutcome, type Resource } from '../types.js';
import { SimianError } from '../errors.js';
import type { SafetyGate } from './gate.js';
import type { GateContext } from './rule.js';

/** The only road from a monkey to a provider's side effects. */
export interface ActionExecutor {
  execute(action: Action): Promise<ActionOutcome>;
}

export interface GateExecutorOptions {
  runId: string;
  dryRun: boolean;
  providers: Map<string, Provider>;
  gate: SafetyGate;
  gateContext: GateContext;
  monkey: Monkey;
  planContext: PlanContext<Record<string, unknown>>;
  store: Store;
  logger: Logger;
  signal: AbortSignal;
  /** Re-reads the kill switch before each action. */
  killSwitch: () => Promise<string | undefined>;
  /**
   * What the monkey declared it reads and may do (`provider:verb:Kind`): anything else is refused.
   * @default the monkey's own `reads` and `verbs` under its config
   */
  declared?: { reads: readonly string[]; verbs: readonly string[] };
  onOutcome?: (o: ActionOutcome) => void | Promise<void>;
  /**
   * The session's clock, in ms: the ledger's times, so that the min-interval rule compares a
   * session's `now` with times on the same clock. @default Date.now
   */
  clock?: () => number;
}

/**
 * Runs gated actions one at a time: ledger row first, then a fresh read of the resource, the gate's
 * resource rules and the monkey's own rule again, then the provider call, then the ledger row's end.
 */
export class GateExecutor implements ActionExecutor {
  readonly #o: GateExecutorOptions;

  constructor(options: GateExecutorOptions) {
    this.#o = options;
  }

  async execute(action: Action): Promise<ActionOutcome> {
    const o = this.#o;
    const now = () => new Date(o.clock?.() ?? Date.now()).toISOString();
    const startedAt = now();
    const finish = async (
      status: ActionOutcome['status'],
      extra: Partial<ActionOutcome> = {},
      seq?: number,
    ) => {
      const outcome: ActionOutcome = {
        action,
        status,
        startedAt,
        endedAt: now(),
        ...extra,
      };
      if (seq !== undefined) {
        o.store.actionEnded(seq, status, outcome.endedAt, {
          ...(outcome.reason ? { reason: outcome.reason } : {}),
          ...(outcome.gone ? { gone: true } : {}),
          ...(outcome.output ?? {}),
        });
      }
      o.logger.info(
        {
          action: action.id,
          verb: action.verb,
          ref: action.resource.ref,
          status,
          reason: outcome.reason,
        },
        `${status}: ${action.verb} ${action.resource.ref}`,
      );
      await o.onOutcome?.(outcome);
      return outcome;
    };

    const removal = action.verb === REMOVE_FAULT;
    if (!removal && !this.#declares(action)) {
      const what = `${action.resource.provider}:${action.verb}:${action.resource.kind}`;
      return finish('failed', {
        reason: `${o.monkey.name} did not declare ${what}; add it to the monkey's verbs (doctor and \`simian rbac\` grant only what is declared)`,
      });
    }
    if (o.signal.aborted && !removal) {
      return finish('interrupted', {
        reason: 'the run was interrupted before this action started',
      });
    }
    if (!removal) {
      const ks = await o.killSwitch();
      if (ks) return finish('skipped', { reason: `kill switch engaged: ${ks}` });
    }

    const seq = o.store.actionStarted(o.runId, action, o.dryRun, startedAt);
    const provider = o.providers.get(action.resource.provider);
    if (!provider) {
      return finish(
        'failed',
        { reason: `no provider "${action.resource.provider}" is configured` },
        seq,
      );
    }

    try {
      // Fault removal must never be held back. A `create` has nothing to read yet, but what it
      // would create is judged as described (namespace, labels, ref): an experiment's actions
      // reach the gate only here, so skipping it would let one create in a protected namespace.
      // A fault may be an object of its own, which the injection creates: like a create, it is
      // judged as described when there is nothing to read yet, and by what it is on (faultOn).
      const fresh =
        action.verb === 'create' || removal
          ? undefined
          : await provider.read(action.resource.ref, { signal: o.signal });
      if (action.verb === 'create' || (action.verb === INJECT_FAULT && !fresh)) {
        const refused = await this.#judgeResource(action);
        if (refused) return finish('skipped', { reason: `refused: ${refused}` }, seq);
      } else if (!removal) {
        if (!fresh) {
          return finish('skipped', { reason: 'the resource is gone', gone: true }, seq);
        }
        const stale = await this.#recheck(action, fresh);
        if (stale) return finish('skipped', { reason: stale }, seq);
      }
      if (
        action.verb === INJECT_FAULT &&
        action.faultOn &&
        action.faultOn !== action.resource.ref
      ) {
        // The fault speaks for the resource it is put on: judged on that, as it is now.
        const on = await provider.read(action.faultOn, { signal: o.signal });
        if (!on) {
          const reason = `the resource the fault is on (${action.faultOn}) is gone`;
          return finish('skipped', { reason }, seq);
        }
        const refused = await this.#judgeResource(this.#asFresh(action, on));
        if (refused) {
          const reason = `the resource the fault is on (${action.faultOn}) changed since planning: ${refused}`;
          return finish('skipped', { reason }, seq);
        }
      }
      const output = await provider.execute(action, {
        dryRun: o.dryRun,
        // A removal must finish even when the run was interrupted: it is what the abort is for.
        ...(removal ? {} : { signal: o.signal }),
        logger: o.logger,
        ...(action.verb === INJECT_FAULT ? { fault: this.#stamp(action, startedAt) } : {}),
      });
      // A refusal by the system itself (an eviction a PodDisruptionBudget forbids) is the safety
      // net working: the action is skipped with the provider's reason, not failed.
      if (output?.skipped === true) {
        const reason = String(output.reason ?? 'refused by the target');
        return finish('skipped', { reason, output }, seq);
      }
      return finish(o.dryRun ? 'dry-run' : 'succeeded', output ? { output } : {}, seq);
    } catch (e) {
      const reason = e instanceof SimianError ? e.describe() : (e as Error).message;
      const status = o.signal.aborted ? 'interrupted' : 'failed';
      return finish(status, { reason }, seq);
    }
  }

  #declares(action: Action): boolean {
    const o = this.#o;
    const declared = o.declared ?? {
      reads: monkeyReads(o.monkey, o.planContext.config),
      verbs: monkeyVerbs(o.monkey, o.planContext.config),
    };
    return declaresVerb(declared, action.resource.provider, action.verb, action.resource.kind);
  }

  /** What the provider writes on the object a fault changes: when it ends, and who put it there. */
  #stamp(action: Action, injectedAt: string): FaultStamp {
    if (!action.deadline) {
      // The gate's fault-expiry rule drops such an action; this is the last line of defence.
      throw new SimianError('INPUT_INVALID', `fault ${action.id} carries no deadline`, {
        hint: 'every fault needs Action.deadline, written on the object as its expiry',
      });
    }
    return {
      expiresAt: new Date(action.deadline).toISOString(),
      runId: this.#o.runId,
      monkey: action.monkey,
      actionId: action.id,
      injectedAt,
    };
  }

  /** Why the gate's resource rules (scope, protected, opt-in/out) refuse the action, if they do. */
  async #judgeResource(action: Action): Promise<string | undefined> {
    const o = this.#o;
    const verdict = await o.gate.judge(
      action,
      { ...o.gateContext, phase: 'recheck' },
      (r) => r.resourceOnly,
    );
    return verdict?.reason;
  }

  /** Why the action is no longer wanted, judged on the fresh read; undefined if it still is. */
  async #recheck(action: Action, fresh: Resource): Promise<string | undefined> {
    const o = this.#o;
    const verdict = await this.#judgeResource(this.#asFresh(action, fresh));
    if (verdict) return `changed since planning: ${verdict}`;
    if (isDestructive(action.verb) && o.monkey.recheck) {
      const r = await o.monkey.recheck(o.planContext, action, fresh);
      if (!r.ok) return `no longer applies: ${r.reason}`;
    }
    return undefined;
  }

  /** `action` with its resource described by `fresh`, for the gate's resource rules. */
  #asFresh(action: Action, fresh: Resource): Action {
    // The gate judges the resource the action will touch, as it is now: its namespace, context,
    // region and labels come from the fresh read of its ref, never from what a plan (or a plan
    // file someone edited) carries beside the ref.
    const { namespace, context, region } = fresh;
    const resource: Action['resource'] = {
      ...action.resource,
      kind: fresh.kind,
      name: fresh.name,
      labels: fresh.labels,
      ...(fresh.annotations ? { annotations: fresh.annotations } : {}),
    };
    delete resource.namespace;
    delete resource.context;
    delete resource.region;
    return {
      ...action,
      resource: {
        ...resource,
        ...(namespace !== undefined ? { namespace } : {}),
        ...(context !== undefined ? { context } : {}),
        ...(region !== undefined ? { region } : {}),
      },
    };
  }
}
