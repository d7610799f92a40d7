import { z } from 'zod';
import { monkeyBaseShape, type SimianConfig } from '../config/schema.js';
import { SimianError } from '../errors.js';
import { Inventory } from '../inventory.js';
import type { Logger } from '../logger.js';
import type { ApplyContext, Monkey, MonkeyBaseConfig, PlanContext } from '../monkey.js';
import type { Provider } from '../provider.js';
import type { Registry } from '../registry.js';
import type { Reporter } from '../reporter.js';
import { randomRng, type Rng } from '../rng.js';
import { GateExecutor, type ActionExecutor } from '../safety/executor.js';
import { SafetyGate } from '../safety/gate.js';
import { killSwitchReason } from '../safety/kill-switch.js';
import { RunTally, type GateContext } from '../safety/rule.js';
import { Schedule } from '../schedule/scheduler.js';
import type { Store } from '../store/store.js';
import type { ActionOutcome, GatedPlan, RunResult, RunStatus } from '../types.js';
import { newRunId } from './run-id.js';

export interface RunOptions {
  config: SimianConfig;
  registry: Registry;
  store: Store;
  logger: Logger;
  /** `plan` stops after the gate; `run` applies. */
  mode: 'plan' | 'run';
  /** Monkeys to run, by name. @default every enabled monkey, in registration order */
  monkeys?: string[];
  /** Overrides config: `true` forces dry-run, `false` acts (the kill switch still wins). */
  dryRun?: boolean;
  /** Only monkeys whose schedule has a slot due now (and whose MTBF draw fires). For CronJobs. */
  once?: boolean;
  now?: Date;
  rng?: Rng;
  signal?: AbortSignal;
  /** Already built providers (tests, or a daemon that keeps them). @default built from targets */
  providers?: Provider[];
  env?: NodeJS.ProcessEnv;
  /** Reporters that see this run as it happens. @default the registry's */
  reporters?: Reporter[];
}

/** Dry-run unless someone said otherwise: CLI flag, then a global `true`, then monkey, then global. */
export function effectiveDryRun(
  config: Pick<SimianConfig, 'dryRun'>,
  monkey: Pick<Monkey, 'destructive'>,
  monkeyConfig: Pick<MonkeyBaseConfig, 'dryRun'>,
  flag?: boolean,
): boolean {
  if (flag !== undefined) return flag;
  if (config.dryRun === true) return true;
  return monkeyConfig.dryRun ?? config.dryRun ?? monkey.destructive;
}

/** The config of one monkey: its section in simian.yaml with defaults applied. */
export function monkeyConfigOf(
  config: SimianConfig,
  monkey: Monkey,
): Record<string, unknown> & MonkeyBaseConfig {
  const section = config.monkeys[monkey.name];
  if (section) return section as Record<string, unknown> & MonkeyBaseConfig;
  return z.strictObject({ ...monkeyBaseShape, ...monkey.configSchema.shape }).parse({}) as Record<
    string,
    unknown
  > &
    MonkeyBaseConfig;
}

/** Creates a provider for each `targets.<name>` section that a registered provider serves. */
export function buildProviders(
  config: SimianConfig,
  registry: Registry,
  logger: Logger,
): Provider[] {
  const out: Provider[] = [];
  for (const factory of registry.providers()) {
    const target = config.targets[factory.name];
    if (target === undefined) continue;
    out.push(
      factory.create(target as never, {
        logger: logger.child({ provider: factory.name }),
        configDir: config.source.dir,
        inventory: config.inventory,
      }),
    );
  }
  return out;
}

/** Picks the monkeys a run covers, and says why others are left out. */
export function selectMonkeys(
  config: SimianConfig,
  registry: Registry,
  names?: string[],
): Monkey[] {
  if (names && names.length > 0) {
    return names.map((n) => {
      const m = registry.monkey(n);
      if (!monkeyConfigOf(config, m).enabled) {
        throw new SimianError('INPUT_INVALID', `monkey "${n}" is not enabled`, {
          hint: `set monkeys.${n}.enabled: true in ${config.source.file}`,
        });
      }
      return m;
    });
  }
  return registry.monkeys().filter((m) => monkeyConfigOf(config, m).enabled);
}

/**
 * One run: inventory, plan, gate and (in `run` mode) apply, for each monkey in order over one shared
 * inventory. Reversible faults are rolled back when the run is aborted or a monkey fails.
 */
export async function runMonkeys(options: RunOptions): Promise<RunResult> {
  const { config, registry, store, mode } = options;
  const now = options.now ?? new Date();
  const rng = options.rng ?? randomRng();
  const runId = newRunId(now);
  const logger = options.logger.child({ runId });
  const signal = options.signal ?? new AbortController().signal;
  const monkeys = selectMonkeys(config, registry, options.monkeys);
  const providers = options.providers ?? buildProviders(config, registry, logger);
  const providerMap = new Map(providers.map((p) => [p.name, p]));
  const inventory = new Inventory(providers, { signal });
  const gate = new SafetyGate();
  const tally = new RunTally();
  const reporters = options.reporters ?? registry.reporters();
  const killSwitch = () => killSwitchReason(config, providers, options.env);

  store.prune(config.store.retention, now);
  const anyDry = monkeys.some((m) =>
    effectiveDryRun(config, m, monkeyConfigOf(config, m), options.dryRun),
  );
  store.startRun({
    id: runId,
    kind: mode,
    dryRun: anyDry,
    monkeys: monkeys.map((m) => m.name),
    startedAt: now.toISOString(),
  });
  await notify(logger, reporters, (r) =>
    r.onRunStart?.({ runId, dryRun: anyDry, monkeys: monkeys.map((m) => m.name) }),
  );

  const result: RunResult = {
    runId,
    status: 'completed',
    dryRun: anyDry,
    startedAt: now.toISOString(),
    endedAt: now.toISOString(),
    monkeys: [],
    incomplete: [],
  };
  const ks = await killSwitch();
  if (ks)
    logger.warn({ killSwitch: ks }, 'kill switch engaged: nothing but fault removal will run');

  for (const monkey of monkeys) {
    if (signal.aborted) break;
    const monkeyConfig = monkeyConfigOf(config, monkey);
    const dryRun = effectiveDryRun(config, monkey, monkeyConfig, options.dryRun);
    const mlog = logger.child({ monkey: monkey.name });
    const planContext: PlanContext<Record<string, unknown>> = {
      runId,
      config: monkeyConfig,
      global: config,
      inventory,
      now,
      rng,
      logger: mlog,
      signal,
    };
    const entry: RunResult['monkeys'][number] = {
      monkey: monkey.name,
      gated: { monkey: monkey.name, dryRun, findings: [], allowed: [], dropped: [] },
      outcomes: [],
    };
    result.monkeys.push(entry);

    if (options.once) {
      const schedule = new Schedule(monkeyConfig.schedule);
      const slot = schedule.dueSlot(now, store.lastRunOf(monkey.name));
      if (!slot) {
        entry.gated.notes = [
          `not due: no eligible slot of "${monkeyConfig.schedule.cron}" (${monkeyConfig.schedule.timezone}) since the last run`,
        ];
        continue;
      }
      if (!schedule.fires(rng, now)) {
        entry.gated.notes = [
          `slot ${slot.toISOString()} did not fire (mean time between actions draw, p=${schedule.slotProbability(now).toFixed(3)})`,
        ];
        continue;
      }
    }

    let applied: ActionOutcome[] = [];
    let executor: ActionExecutor | undefined;
    try {
      const plan = await monkey.plan(planContext);
      const gateContext: GateContext = {
        config,
        monkey,
        monkeyConfig,
        now,
        inventory,
        store,
        groups: plan.groups ?? {},
        tally,
        killSwitch: ks,
        phase: 'plan',
      };
      entry.gated = await gate.filter(plan, gateContext, dryRun);
      store.recordFindings(runId, entry.gated.findings, now.toISOString());
      await notify(mlog, reporters, (r) => r.onPlan?.(entry.gated));
      if (mode === 'plan' || signal.aborted) continue;

      executor = new GateExecutor({
        runId,
        dryRun,
        providers: providerMap,
        gate,
        gateContext,
        monkey,
        planContext,
        store,
        logger: mlog,
        signal,
        killSwitch,
        onOutcome: async (o) => {
          applied.push(o);
          await notify(mlog, reporters, (r) => r.onAction?.(o));
        },
      });
      const applyContext: ApplyContext<Record<string, unknown>> = {
        ...planContext,
        dryRun,
        executor,
        emit: (event) =>
          notify(mlog, reporters, (r) =>
            r.onEvent?.({
              ...event,
              monkey: monkey.name,
              runId,
              dryRun,
              at: new Date().toISOString(),
            }),
          ),
        recordRecovery: (outcome, r) => {
          store.recordRecovery({
            runId,
            monkey: monkey.name,
            actionId: outcome.action.id,
            group: outcome.action.group ?? outcome.action.resource.ref,
            ref: outcome.action.resource.ref,
            verb: outcome.action.verb,
            killedAt: outcome.endedAt,
            ...r,
          });
          store.addLedgerDetail(runId, outcome.action.id, {
            recovered: r.recovered,
            recoverySeconds: r.recoverySeconds,
          });
        },
      };
      if (monkey.apply) {
        // A monkey's own loop may enrich outcomes (recovery time); its answer is the record.
        const returned = await monkey.apply(applyContext, entry.gated);
        if (returned.length > 0) applied = returned;
      } else {
        // After an abort the executor records each remaining action as interrupted, untouched.
        for (const action of entry.gated.allowed) await executor.execute(action);
      }
      entry.outcomes = applied;
      if (signal.aborted) await rollback(monkey, applyContext, applied, mlog);
    } catch (e) {
      entry.outcomes = applied;
      entry.error = e instanceof SimianError ? e.describe() : String((e as Error)?.stack ?? e);
      mlog.error({ err: e }, `monkey ${monkey.name} failed`);
      result.status = 'failed';
      if (executor)
        await rollback(
          monkey,
          { ...planContext, dryRun, executor, emit: async () => {} },
          applied,
          mlog,
        );
    }
    applied = [];
  }

  result.incomplete = (await inventory.incomplete()).map((l) => ({
    key: `${l.key.provider}:${l.key.scope}:${l.key.kind}`,
    reason: l.error ?? 'incomplete',
  }));
  if (signal.aborted) result.status = 'interrupted' as RunStatus;
  result.endedAt = new Date().toISOString();
  store.endRun({
    runId,
    status: result.status,
    endedAt: result.endedAt,
    summary: summarize(result),
  });
  await notify(logger, reporters, (r) => r.onRunEnd?.(result));
  if (!options.providers) await Promise.all(providers.map(async (p) => p.close?.()));
  return result;
}

/** Takes back the monkey's reversible faults: its own rollback, or a `remove-fault` per fault. */
async function rollback(
  monkey: Monkey,
  ctx: ApplyContext<Record<string, unknown>>,
  applied: ActionOutcome[],
  logger: Logger,
): Promise<void> {
  const reversible = applied.filter((o) => o.action.reversible && o.status === 'succeeded');
  if (reversible.length === 0) return;
  logger.warn({ count: reversible.length }, 'rolling back reversible faults');
  if (monkey.rollback) {
    await monkey.rollback(ctx, reversible);
    return;
  }
  for (const o of reversible) {
    await ctx.executor.execute({
      ...o.action,
      id: `${o.action.id}:rollback`,
      verb: 'remove-fault',
      reason: `rollback of ${o.action.id}`,
    });
  }
}

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

async function notify<R>(logger: Logger, reporters: R[], call: (r: R) => unknown): Promise<void> {
  for (const r of reporters) {
    try {
      await call(r);
    } catch (e) {
      logger.warn({ err: e }, 'a reporter failed; the run goes on');
    }
  }
}

export type { GatedPlan };
