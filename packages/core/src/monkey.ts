import type { z } from 'zod';
import type { Inventory } from './inventory.js';
import type { Logger } from './logger.js';
import type { Rng } from './rng.js';
import type { MonkeySafetyConfig } from './safety/schema.js';
import type { ScheduleConfig } from './schedule/schema.js';
import type { SimianConfig } from './config/schema.js';
import type { Action, ActionOutcome, GatedPlan, Plan, Resource } from './types.js';
import type { ActionExecutor } from './safety/executor.js';
import type { DomainEvent } from './events.js';

/** The fields every monkey's config has, whatever else its own schema adds. */
export interface MonkeyBaseConfig {
  enabled: boolean;
  dryRun?: boolean;
  schedule: ScheduleConfig;
  safety: MonkeySafetyConfig;
}

export interface PlanContext<C> {
  runId: string;
  /** This monkey's config: the base fields and its own. */
  config: C & MonkeyBaseConfig;
  global: SimianConfig;
  inventory: Inventory;
  now: Date;
  rng: Rng;
  logger: Logger;
  signal: AbortSignal;
}

export interface ApplyContext<C> extends PlanContext<C> {
  dryRun: boolean;
  executor: ActionExecutor;
  /**
   * Tells the reporters about something that happened (marked, notified, torn down): the engine
   * fills in `monkey`, `runId`, `dryRun` and `at`.
   */
  emit(event: Omit<DomainEvent, 'monkey' | 'runId' | 'dryRun' | 'at'>): Promise<void>;
  /** Keeps how long a group took to recover after an action, in the store and the ledger row. */
  recordRecovery?(outcome: ActionOutcome, recovery: RecoveryMeasurement): void;
}

/** What a monkey measured after a kill. */
export interface RecoveryMeasurement {
  recovered: boolean;
  recoverySeconds: number;
  timeoutSeconds: number;
  detail?: string;
}

export type RecheckResult = { ok: true } | { ok: false; reason: string };

/**
 * A monkey plans without side effects and reaches providers only through the executor it is given.
 * It registers itself with the `Registry`; core imports no monkey.
 */
export interface Monkey<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly description: string;
  /** Destructive monkeys start in dry-run unless the config says otherwise. */
  readonly destructive: boolean;
  /** Strict schema of the monkey's own fields under `monkeys.<name>`. */
  readonly configSchema: S;
  /** Inventory kinds the monkey reads, so doctor and RBAC know them: `kubernetes:Pod`. */
  readonly reads: string[];
  /**
   * What the monkey may ask providers to do, so doctor and `simian rbac` grant exactly that:
   * `provider:verb:Kind` (`kubernetes:evict:Pod`), with `*` for every kind the monkey reads.
   */
  readonly verbs: string[];
  /**
   * Per-item details it needs beyond the listing of a kind it reads, `provider:Kind:detail`
   * (`aws:Snapshot:createVolumePermission`). A detail costs a call per item, so the shared listing
   * fetches it only in runs with a monkey that declares it. Absent: none.
   */
  readonly details?: readonly string[];
  /**
   * What the monkey reads and may do under a given config, when that depends on the config (a
   * janitor that reads only the kinds its enabled rules look at: Cloud Custodian's
   * `get_permissions()`). Absent: `reads` and `verbs` as they stand.
   */
  permissionsFor?(config: z.output<S> & MonkeyBaseConfig): { reads: string[]; verbs: string[] };
  plan(ctx: PlanContext<z.output<S>>): Promise<Plan>;
  /**
   * The checks of its config that the schema cannot make and its plan would (rule ids that must
   * name loaded rules, Rego directories that must exist), without reading any target, so that
   * `simian validate` refuses what `simian plan` would. Throws a `ConfigError`; returns notes
   * worth telling (not errors). Absent: the schema is the whole check.
   */
  check?(config: z.output<S> & MonkeyBaseConfig, global: SimianConfig): Promise<string[]>;
  /**
   * Just before a destructive action: is it still wanted, given a fresh read of the resource?
   * Absent: the action is still wanted while the resource exists.
   */
  recheck?(ctx: PlanContext<z.output<S>>, action: Action, fresh: Resource): Promise<RecheckResult>;
  /**
   * Optional own apply loop (e.g. to measure recovery between kills). Default: each in order.
   * Faults it injects (`inject-fault`) need no undo of its own: the engine removes every one the
   * monkey leaves in place when it returns, fails or is interrupted, and when its deadline passes.
   * A finding it can only make while acting (a measured delay far from the one requested) is
   * appended to `gated.findings`: the run records it with the plan's own.
   */
  apply?(ctx: ApplyContext<z.output<S>>, gated: GatedPlan): Promise<ActionOutcome[]>;
}

/** What `monkey` reads under `config` (`provider:Kind`). */
export function monkeyReads(monkey: Monkey, config?: MonkeyBaseConfig): string[] {
  return config && monkey.permissionsFor
    ? monkey.permissionsFor(config as never).reads
    : monkey.reads;
}

/** What `monkey` may ask providers to do under `config` (`provider:verb:Kind`). */
export function monkeyVerbs(monkey: Monkey, config?: MonkeyBaseConfig): string[] {
  return config && monkey.permissionsFor
    ? monkey.permissionsFor(config as never).verbs
    : monkey.verbs;
}

/**
 * Whether a monkey that declares `verbs` (`provider:verb:Kind`; a `*` kind means every kind it
 * `reads` of that provider) may ask `provider` to `verb` a `kind`. The executor refuses anything
 * else, so doctor and `simian rbac`, which grant exactly the declared verbs, can never be short of
 * a permission the monkey uses.
 */
export function declaresVerb(
  declared: { reads: readonly string[]; verbs: readonly string[] },
  provider: string,
  verb: string,
  kind: string,
): boolean {
  return declared.verbs.some((entry) => {
    const [p, v, k] = entry.split(':');
    if (p !== provider && p !== '*') return false;
    if (v !== verb && v !== '*') return false;
    if (k !== '*') return k === kind;
    return p === '*' || declared.reads.includes(`${provider}:${kind}`);
  });
}
