import { z } from 'zod';
import { monkeyBaseShape, type SimianConfig } from '../config/schema.js';
import { SimianError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Monkey, MonkeyBaseConfig } from '../monkey.js';
import type { Provider } from '../provider.js';
import type { Registry } from '../registry.js';
import type { Reporter } from '../reporter.js';
import type { Rng } from '../rng.js';
import { Schedule } from '../schedule/scheduler.js';
import type { Store } from '../store/store.js';
import type { GatedPlan, RunResult } from '../types.js';
import { RunSession } from './run-session.js';

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
  /** The daemon replica running it (its leader lock's identity), recorded on the run. */
  holder?: string;
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
 * inventory, through a {@link RunSession}: the same road `simian apply` and experiments take.
 */
export async function runMonkeys(options: RunOptions): Promise<RunResult> {
  const { config, registry, store, mode } = options;
  const monkeys = selectMonkeys(config, registry, options.monkeys);
  const session = new RunSession({ ...options, kind: mode });
  // Before anything lists: the one listing of a kind fetches the details any monkey here needs.
  for (const monkey of monkeys) session.inventory.need(monkey.details ?? []);
  const anyDry = monkeys.some((m) =>
    effectiveDryRun(config, m, monkeyConfigOf(config, m), options.dryRun),
  );
  await session.open(
    monkeys.map((m) => m.name),
    anyDry,
  );
  const result: RunResult = {
    runId: session.runId,
    status: 'completed',
    dryRun: anyDry,
    startedAt: session.now.toISOString(),
    endedAt: session.now.toISOString(),
    monkeys: [],
    incomplete: [],
  };

  for (const monkey of monkeys) {
    if (session.signal.aborted) break;
    const monkeyConfig = monkeyConfigOf(config, monkey);
    const dryRun = effectiveDryRun(config, monkey, monkeyConfig, options.dryRun);
    const planContext = session.planContext(monkey, monkeyConfig);
    const entry: RunResult['monkeys'][number] = {
      monkey: monkey.name,
      gated: { monkey: monkey.name, dryRun, findings: [], allowed: [], dropped: [] },
      outcomes: [],
    };
    result.monkeys.push(entry);

    if (options.once) {
      const notDue = notDueReason(monkeyConfig, store, monkey.name, session);
      if (notDue) {
        entry.gated.notes = [notDue];
        continue;
      }
    }

    try {
      const plan = await monkey.plan(planContext);
      const gateContext = session.gateContext(monkey, monkeyConfig, plan.groups ?? {}, 'plan');
      entry.gated = await session.gate.filter(plan, gateContext, dryRun);
      store.recordFindings(
        session.runId,
        entry.gated.findings,
        session.now.toISOString(),
        monkey.name,
      );
      await session.notify((r) => r.onPlan?.(entry.gated));
      if (mode === 'plan' || session.signal.aborted) continue;
      const planned = entry.gated.findings.length;
      const applied = await session.applyGated(monkey, entry.gated, planContext, gateContext);
      entry.outcomes = applied.outcomes;
      // Findings a monkey could only make while acting (a measured delay far from the request).
      const found = entry.gated.findings.slice(planned);
      if (found.length > 0) store.recordFindings(session.runId, found, new Date().toISOString());
      if (applied.error !== undefined) {
        entry.error = applied.error;
        result.status = 'failed';
      }
    } catch (e) {
      entry.error = e instanceof SimianError ? e.describe() : String((e as Error)?.stack ?? e);
      planContext.logger.error({ err: e }, `monkey ${monkey.name} failed to plan`);
      result.status = 'failed';
    }
  }
  return session.close(result);
}

/** Why `--once` skips this monkey now (no due slot, or the MTBF draw did not fire), if it does. */
function notDueReason(
  monkeyConfig: MonkeyBaseConfig,
  store: Store,
  monkey: string,
  session: RunSession,
): string | undefined {
  const schedule = new Schedule(monkeyConfig.schedule);
  const slot = schedule.dueSlot(session.now, store.lastRunOf(monkey));
  if (!slot) {
    return `not due: no eligible slot of "${monkeyConfig.schedule.cron}" (${monkeyConfig.schedule.timezone}) since the last run`;
  }
  if (!schedule.fires(session.rng, session.now)) {
    return `slot ${slot.toISOString()} did not fire (mean time between actions draw, p=${schedule.slotProbability(session.now).toFixed(3)})`;
  }
  return undefined;
}

export { summarize } from './run-session.js';
export { buildProviders } from './providers.js';
export type { GatedPlan };
