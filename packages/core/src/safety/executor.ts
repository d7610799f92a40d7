import type { Logger } from '../logger.js';
import type { Monkey, PlanContext } from '../monkey.js';
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
  onOutcome?: (o: ActionOutcome) => void | Promise<void>;
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
    const startedAt = new Date().toISOString();
    const finish = async (
      status: ActionOutcome['status'],
      extra: Partial<ActionOutcome> = {},
      seq?: number,
    ) => {
      const outcome: ActionOutcome = {
        action,
        status,
        startedAt,
        endedAt: new Date().toISOString(),
        ...extra,
      };
      if (seq !== undefined) {
        o.store.actionEnded(seq, status, outcome.endedAt, {
          ...(outcome.reason ? { reason: outcome.reason } : {}),
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

    if (o.signal.aborted && action.verb !== 'remove-fault') {
      return finish('interrupted', {
        reason: 'the run was interrupted before this action started',
      });
    }
    if (action.verb !== 'remove-fault') {
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
      if (action.verb === 'create') {
        const refused = await this.#judgeResource(action);
        if (refused) return finish('skipped', { reason: `refused: ${refused}` }, seq);
      } else if (action.verb !== 'remove-fault') {
        const fresh = await provider.read(action.resource.ref, { signal: o.signal });
        if (!fresh) return finish('skipped', { reason: 'the resource is gone' }, seq);
        const stale = await this.#recheck(action, fresh);
        if (stale) return finish('skipped', { reason: stale }, seq);
      }
      const output = await provider.execute(action, {
        dryRun: o.dryRun,
        signal: o.signal,
        logger: o.logger,
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
    const refreshed: Action = {
      ...action,
      resource: {
        ...action.resource,
        labels: fresh.labels,
        ...(fresh.annotations ? { annotations: fresh.annotations } : {}),
      },
    };
    const verdict = await this.#judgeResource(refreshed);
    if (verdict) return `changed since planning: ${verdict}`;
    if (isDestructive(action.verb) && o.monkey.recheck) {
      const r = await o.monkey.recheck(o.planContext, action, fresh);
      if (!r.ok) return `no longer applies: ${r.reason}`;
    }
    return undefined;
  }
}
