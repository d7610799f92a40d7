import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import type { SimianConfig } from '../config/schema.js';
import { SimianError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { INJECT_FAULT, REMOVE_FAULT } from '../faults/fault-pairs.js';
import { Inventory } from '../inventory.js';
import type { Logger } from '../logger.js';
import type { ApplyContext, Monkey, MonkeyBaseConfig, PlanContext } from '../monkey.js';
import type { Provider } from '../provider.js';
import type { Registry } from '../registry.js';
import type { Reporter } from '../reporter.js';
import { randomRng, type Rng } from '../rng.js';
import { GateExecutor } from '../safety/executor.js';
import { SafetyGate } from '../safety/gate.js';
import { killSwitchReason } from '../safety/kill-switch.js';
import { RunTally, type GateContext } from '../safety/rule.js';
import type { Store } from '../store/store.js';
import type {
  Action,
  ActionOutcome,
  GatedPlan,
  GroupHealth,
  RunResult,
  UnfinishedAction,
} from '../types.js';
import { reapFaults, type ReapResult } from './reap.js';
import { newRunId } from './run-id.js';
import { buildProviders } from './providers.js';

/** What started a session: it is the run's `kind` in the store. */
export type RunKind = 'run' | 'plan' | 'apply' | 'experiment' | 'faults';

export interface RunSessionOptions {
  kind: RunKind;
  config: SimianConfig;
  registry: Registry;
  store: Store;
  logger: Logger;
  /** Already built providers (tests, a daemon). @default built from targets, closed at the end */
  providers?: Provider[];
  /** @default the registry's */
  reporters?: Reporter[];
  signal?: AbortSignal;
  now?: Date;
  rng?: Rng;
  env?: NodeJS.ProcessEnv;
  /** @default a new run id */
  runId?: string;
  /** The daemon replica running it (its leader lock's identity), recorded on the run. */
  holder?: string;
}

/** A fault this session injected and has not seen removed yet. */
interface ActiveFault {
  action: Action;
  executor: GateExecutor;
  timer: NodeJS.Timeout | undefined;
  removing: boolean;
}

/** What applying one monkey's gated plan came to. */
export interface AppliedPlan {
  outcomes: ActionOutcome[];
  error?: string;
}

/**
 * One ledgered run of Simian, whatever command started it (`run`, `apply` of a plan file, an
 * experiment, `faults clear`): one shared inventory, one gate and blast-radius tally, the
 * reporters, the fault bookkeeping, and {@link RunSession.applyGated}, the one function that
 * applies a gated plan. So what Simian promises never depends on which command was typed.
 *
 * Faults are Apply/Recover pairs: every fault this session injects is removed when its deadline
 * passes, when the monkey that injected it fails, is interrupted or ends without removing it, and
 * when the session closes; a fault left by a process that died is removed by the reaper when a
 * session opens, once its expiry (written on the object) has passed.
 */
export class RunSession {
  readonly runId: string;
  readonly kind: RunKind;
  readonly config: SimianConfig;
  readonly store: Store;
  readonly logger: Logger;
  readonly now: Date;
  readonly rng: Rng;
  readonly signal: AbortSignal;
  readonly providers: Provider[];
  readonly inventory: Inventory;
  readonly gate = new SafetyGate();
  readonly tally = new RunTally();
  readonly reporters: Reporter[];
  /** The kill switch as read when the session opened (the executor reads it again per action). */
  killSwitchAtStart: string | undefined;
  readonly #ownProviders: boolean;
  readonly #env: NodeJS.ProcessEnv | undefined;
  readonly #holder: string | undefined;
  readonly #faults = new Map<string, ActiveFault>();
  #reaped: ReapResult | undefined;
  #unfinished: UnfinishedAction[] = [];
  /** performance.now() when the session began: its clock is `now` plus what has passed since. */
  readonly #began = performance.now();

  constructor(options: RunSessionOptions) {
    this.kind = options.kind;
    this.config = options.config;
    this.store = options.store;
    this.now = options.now ?? new Date();
    this.runId = options.runId ?? newRunId(this.now);
    this.logger = options.logger.child({ runId: this.runId });
    this.rng = options.rng ?? randomRng();
    this.signal = options.signal ?? new AbortController().signal;
    // Every provider call in flight listens to the run's signal (the SDKs add one listener per
    // request): many at once is the normal case, not a leak, and Node must not warn about it.
    setMaxListeners(0, this.signal);
    this.#ownProviders = !options.providers;
    this.providers =
      options.providers ?? buildProviders(options.config, options.registry, this.logger);
    this.inventory = new Inventory(this.providers, { signal: this.signal });
    this.reporters = options.reporters ?? options.registry.reporters();
    this.#env = options.env;
    this.#holder = options.holder;
  }

  /** The session's time in ms: `now` (which tests may set) plus what has passed since. */
  clock(): number {
    return this.now.getTime() + (performance.now() - this.#began);
  }

  /** Reads the kill switch now: env var, file, then each provider's own (fail closed). */
  killSwitch(): Promise<string | undefined> {
    return killSwitchReason(this.config, this.providers, this.#env);
  }

  /**
   * Starts the run in the store and tells the reporters; reads the kill switch; and, unless this
   * is a plan (which has no side effects) or `faults clear`, removes every fault whose expiry has
   * passed (the reaper).
   */
  async open(monkeys: string[], dryRun: boolean): Promise<void> {
    this.store.prune(this.config.store.retention, this.now);
    this.store.startRun({
      id: this.runId,
      kind: this.kind,
      dryRun,
      monkeys,
      startedAt: this.now.toISOString(),
      ...(this.#holder !== undefined ? { holder: this.#holder } : {}),
    });
    await this.notify((r) => r.onRunStart?.({ runId: this.runId, dryRun, monkeys }));
    this.killSwitchAtStart = await this.killSwitch();
    if (this.killSwitchAtStart) {
      this.logger.warn(
        { killSwitch: this.killSwitchAtStart },
        'kill switch engaged: nothing but fault removal will run',
      );
    }
    // A plan has no side effects; `faults clear` chooses for itself what to remove.
    if (this.kind !== 'plan' && this.kind !== 'faults') {
      this.#unfinished = await this.#closeUnfinished();
      this.#reaped = await this.reap({ which: 'expired' });
    }
  }

  /**
   * Ledger rows an earlier process started and never ended (it was killed between the row and the
   * provider's answer): each resource is read again and the row is ended as `interrupted`, saying
   * what the read found. The row still counts for min-interval, so the group is not hit again at
   * once; the fault such a process left is the reaper's, by its expiry on the object.
   */
  async #closeUnfinished(): Promise<UnfinishedAction[]> {
    const found: UnfinishedAction[] = [];
    for (const row of this.store.ledger({ status: 'started', limit: 1_000 })) {
      if (row.runId === this.runId) continue;
      let resource: UnfinishedAction['resource'] = 'unreadable';
      for (const p of this.providers) {
        try {
          resource = (await p.read(row.ref, { signal: this.signal })) ? 'present' : 'gone';
          break;
        } catch {
          // Not this provider's ref, or it cannot be read now.
        }
      }
      const u: UnfinishedAction = {
        runId: row.runId,
        actionId: row.actionId,
        monkey: row.monkey,
        verb: row.verb,
        ref: row.ref,
        startedAt: row.startedAt,
        resource,
      };
      found.push(u);
      this.store.actionEnded(row.seq, 'interrupted', new Date(this.clock()).toISOString(), {
        reason: `its process died before the action ended; run ${this.runId} found the resource ${resource === 'present' ? 'still there' : resource}`,
        unfinished: true,
      });
      this.logger.warn(
        u,
        `an action of run ${row.runId} never finished (its process died): ${row.verb} ${row.ref}; the resource is ${resource === 'present' ? 'still there' : resource}`,
      );
    }
    return found;
  }

  /** Faults the reaper removed (or failed to) when the session opened. */
  get reaped(): ReapResult | undefined {
    return this.#reaped;
  }

  /**
   * Removes active faults found on the objects themselves: those whose expiry has passed, or every
   * one (`simian faults clear --all`), or those `which` picks. Through the executor and the ledger.
   */
  reap(options: Parameters<typeof reapFaults>[1]): Promise<ReapResult> {
    const executor = this.executor(reaperMonkey, this.planContext(reaperMonkey, reaperConfig), {
      dryRun: false,
      gateContext: this.gateContext(reaperMonkey, reaperConfig, {}, 'recheck'),
    });
    return reapFaults(this, options, executor);
  }

  /** What the gate knows while it judges `monkey`'s plan in this session. */
  gateContext(
    monkey: Monkey,
    monkeyConfig: MonkeyBaseConfig,
    groups: Record<string, GroupHealth>,
    phase: GateContext['phase'],
  ): GateContext {
    return {
      config: this.config,
      monkey,
      monkeyConfig,
      now: this.now,
      inventory: this.inventory,
      store: this.store,
      groups,
      tally: this.tally,
      killSwitch: this.killSwitchAtStart,
      phase,
    };
  }

  /** What `monkey` plans with in this session. */
  planContext<C extends Record<string, unknown>>(
    monkey: Monkey,
    monkeyConfig: C & MonkeyBaseConfig,
  ): PlanContext<C> {
    return {
      runId: this.runId,
      config: monkeyConfig,
      global: this.config,
      inventory: this.inventory,
      now: this.now,
      rng: this.rng,
      logger: this.logger.child({ monkey: monkey.name }),
      signal: this.signal,
    };
  }

  /**
   * The executor `monkey` acts through: the gate's resource rules on a fresh read, the ledger,
   * the kill switch before each action, the reporters, and this session's fault bookkeeping.
   */
  executor(
    monkey: Monkey,
    planContext: PlanContext<Record<string, unknown>>,
    options: {
      dryRun: boolean;
      gateContext: GateContext;
      gate?: SafetyGate;
      declared?: { reads: readonly string[]; verbs: readonly string[] };
      onOutcome?: (o: ActionOutcome) => void;
    },
  ): GateExecutor {
    const executor: GateExecutor = new GateExecutor({
      runId: this.runId,
      dryRun: options.dryRun,
      providers: new Map(this.providers.map((p) => [p.name, p])),
      gate: options.gate ?? this.gate,
      gateContext: options.gateContext,
      monkey,
      planContext,
      store: this.store,
      logger: planContext.logger,
      signal: this.signal,
      killSwitch: () => this.killSwitch(),
      clock: () => this.clock(),
      ...(options.declared ? { declared: options.declared } : {}),
      onOutcome: async (o) => {
        options.onOutcome?.(o);
        await this.notify((r) => r.onAction?.(o));
        await this.#track(o, executor, monkey.name, options.dryRun);
      },
    });
    return executor;
  }

  /**
   * THE function that applies a gated plan, for every command: the monkey's own apply loop (or
   * each allowed action in order) through this session's executor, recovery records, domain
   * events to the reporters, and the removal of every fault the monkey leaves behind, whether it
   * failed, was interrupted or simply did not remove it.
   */
  async applyGated(
    monkey: Monkey,
    gated: GatedPlan,
    planContext: PlanContext<Record<string, unknown>>,
    gateContext: GateContext,
  ): Promise<AppliedPlan> {
    const dryRun = gated.dryRun;
    const captured: ActionOutcome[] = [];
    const executor = this.executor(monkey, planContext, {
      dryRun,
      gateContext,
      onOutcome: (o) => captured.push(o),
    });
    const ctx: ApplyContext<Record<string, unknown>> = {
      ...planContext,
      dryRun,
      executor,
      emit: (event) => this.emit(monkey.name, dryRun, event),
      recordRecovery: (outcome, r) => {
        this.store.recordRecovery({
          runId: this.runId,
          monkey: monkey.name,
          actionId: outcome.action.id,
          group: outcome.action.group ?? outcome.action.resource.ref,
          ref: outcome.action.resource.ref,
          verb: outcome.action.verb,
          killedAt: outcome.endedAt,
          ...r,
        });
        this.store.addLedgerDetail(this.runId, outcome.action.id, {
          recovered: r.recovered,
          recoverySeconds: r.recoverySeconds,
        });
      },
    };
    let returned: ActionOutcome[] = [];
    let error: string | undefined;
    try {
      if (monkey.apply) returned = await monkey.apply(ctx, gated);
      // After an abort the executor records each remaining action as interrupted, untouched.
      else for (const action of gated.allowed) await executor.execute(action);
    } catch (e) {
      error = e instanceof SimianError ? e.describe() : String((e as Error)?.stack ?? e);
      planContext.logger.error({ err: e }, `monkey ${monkey.name} failed`);
    }
    // A monkey's own loop may enrich outcomes (recovery time); its answer is the record.
    const outcomes = returned.length > 0 ? [...returned] : [...captured];
    const why = error
      ? 'the monkey failed'
      : this.signal.aborted
        ? 'the run was interrupted'
        : 'the monkey ended without removing it';
    outcomes.push(...(await this.removeFaults((f) => f.action.monkey === monkey.name, why)));
    return { outcomes, ...(error !== undefined ? { error } : {}) };
  }

  /** Tells the reporters about a domain event of `monkey`. */
  emit(
    monkey: string,
    dryRun: boolean,
    event: Omit<DomainEvent, 'monkey' | 'runId' | 'dryRun' | 'at'>,
  ): Promise<void> {
    const full: DomainEvent = {
      ...event,
      monkey,
      runId: this.runId,
      dryRun,
      at: new Date().toISOString(),
    };
    return this.notify((r) => r.onEvent?.(full));
  }

  /** Faults this session injected that are still in place. */
  activeFaults(): Action[] {
    return [...this.#faults.values()].map((f) => f.action);
  }

  /** Removes the active faults `pick` selects, each through the executor that injected it. */
  async removeFaults(pick: (f: ActiveFault) => boolean, why: string): Promise<ActionOutcome[]> {
    const out: ActionOutcome[] = [];
    for (const fault of [...this.#faults.values()]) {
      if (!pick(fault) || fault.removing) continue;
      out.push(await this.#remove(fault, why));
    }
    return out;
  }

  /**
   * Ends the run: removes any fault still in place (the safety net under every other path),
   * records the run's end and the incomplete listings, tells the reporters, and closes the
   * providers it built.
   */
  async close(result: RunResult): Promise<RunResult> {
    await this.removeFaults(() => true, 'the run ended');
    result.incomplete = (await this.inventory.incomplete()).map((l) => ({
      key: `${l.key.provider}:${l.key.scope}:${l.key.kind}`,
      reason: l.error ?? 'incomplete',
    }));
    if (this.#unfinished.length > 0) result.unfinished = this.#unfinished;
    // The reaper's listings count too: a target that refused it refused the run.
    for (const u of this.#reaped?.unlisted ?? []) {
      result.incomplete.push({ key: `${u.provider}:${u.scope}:faults`, reason: u.error });
    }
    if (this.signal.aborted && result.status === 'completed') result.status = 'interrupted';
    if (result.status === 'completed' && result.incomplete.length > 0) result.status = 'incomplete';
    result.endedAt = new Date().toISOString();
    this.store.endRun({
      runId: this.runId,
      status: result.status,
      endedAt: result.endedAt,
      summary: summarize(result),
    });
    await this.notify((r) => r.onRunEnd?.(result));
    if (this.#ownProviders) await Promise.all(this.providers.map(async (p) => p.close?.()));
    return result;
  }

  /** Calls every reporter; one that throws is logged and the run goes on. */
  async notify(call: (r: Reporter) => unknown): Promise<void> {
    for (const r of this.reporters) {
      try {
        await call(r);
      } catch (e) {
        this.logger.warn({ err: e, reporter: r.name }, 'a reporter failed; the run goes on');
      }
    }
  }

  async #track(
    o: ActionOutcome,
    executor: GateExecutor,
    monkey: string,
    dryRun: boolean,
  ): Promise<void> {
    const ref = o.action.resource.ref;
    if (o.status !== 'succeeded') return;
    if (o.action.verb === INJECT_FAULT) {
      const fault: ActiveFault = { action: o.action, executor, timer: undefined, removing: false };
      const deadline = Date.parse(o.action.deadline ?? '');
      // Action.deadline is enforced: the fault is taken out when it passes, whatever the monkey does.
      fault.timer = setTimeout(
        () => void this.#remove(fault, 'its deadline passed'),
        Math.max(0, deadline - this.clock()),
      );
      fault.timer.unref();
      this.#faults.set(ref, fault);
      await this.emit(monkey, dryRun, {
        type: 'fault-injected',
        subject: o.action.group ?? ref,
        resources: [{ ref, verb: o.action.verb, status: o.status }],
        owners: [],
        text: `Fault injected on ${ref} until ${o.action.deadline}: ${o.action.reason}`,
        data: { deadline: o.action.deadline, params: o.action.params ?? {} },
      });
    } else if (o.action.verb === REMOVE_FAULT) {
      const fault = this.#faults.get(ref);
      if (fault) clearTimeout(fault.timer);
      this.#faults.delete(ref);
      await this.emit(monkey, dryRun, {
        type: 'fault-removed',
        subject: o.action.group ?? ref,
        resources: [{ ref, verb: o.action.verb, status: o.status }],
        owners: [],
        text: `Fault removed from ${ref}: ${o.action.reason}`,
      });
    }
  }

  async #remove(fault: ActiveFault, why: string): Promise<ActionOutcome> {
    fault.removing = true;
    clearTimeout(fault.timer);
    const { action } = fault;
    const outcome = await fault.executor.execute({
      ...action,
      id: `${action.id}:remove`,
      verb: REMOVE_FAULT,
      reason: `remove fault ${action.id}: ${why}`,
      reversible: false,
      params: action.params ?? {},
    });
    if (outcome.status !== 'succeeded') {
      // Still tracked: the session's close tries again, and the expiry on the object lets the
      // reaper of the next run finish the job.
      fault.removing = false;
      this.logger.error(
        { ref: action.resource.ref, reason: outcome.reason },
        'could not remove a fault; its expiry is on the object, so the next run removes it',
      );
    }
    return outcome;
  }
}

/** The pseudo-monkey the reaper acts as: it removes faults and nothing else. */
const reaperMonkey: Monkey = {
  name: 'reaper',
  description: 'removes faults whose expiry has passed',
  destructive: false,
  configSchema: z.strictObject({}),
  reads: [],
  verbs: ['*:remove-fault:*'],
  plan: () => Promise.resolve({ monkey: 'reaper', findings: [], actions: [] }),
};
const reaperConfig = { enabled: true } as MonkeyBaseConfig & Record<string, unknown>;

/** Counts of a run's outcomes, for the store's run summary. */
export function summarize(result: RunResult): Record<string, unknown> {
  const count = (s: string) =>
    result.monkeys.reduce((n, m) => n + m.outcomes.filter((o) => o.status === s).length, 0);
  return {
    findings: result.monkeys.reduce((n, m) => n + m.gated.findings.length, 0),
    allowed: result.monkeys.reduce((n, m) => n + m.gated.allowed.length, 0),
    dropped: result.monkeys.reduce((n, m) => n + m.gated.dropped.length, 0),
    succeeded: count('succeeded'),
    dryRun: count('dry-run'),
    skipped: count('skipped'),
    failed: count('failed'),
    incomplete: result.incomplete.length,
  };
}
