import type { Logger } from '../logger.js';
import type { Registry } from '../registry.js';
import { randomRng, type Rng } from '../rng.js';
import { Schedule } from '../schedule/scheduler.js';
import type { Store } from '../store/store.js';
import type { SimianConfig } from '../config/schema.js';
import type { RunResult } from '../types.js';
import { sleep, stillHolding, waitHolding, whileHolding } from './holding.js';
import type { LeaderLock } from './leader-lock.js';
import { monkeyConfigOf, runMonkeys, selectMonkeys } from './run.js';

export interface DaemonOptions {
  config: SimianConfig;
  registry: Registry;
  store: Store;
  logger: Logger;
  lock: LeaderLock;
  signal: AbortSignal;
  rng?: Rng;
  dryRun?: boolean;
  /** How often a replica without the lock tries again. @default 15s */
  standbyRetryMs?: number;
  onRun?: (result: RunResult) => void;
}

/**
 * Keeps every enabled monkey's schedule: sleeps until the next eligible slot, draws MTBF, waits the
 * jitter, then runs that monkey. Only while it holds the leader lock; a lost lock stops acting.
 */
export async function runDaemon(options: DaemonOptions): Promise<void> {
  const { config, registry, store, lock, signal } = options;
  const logger = options.logger.child({ daemon: true });
  const rng = options.rng ?? randomRng();
  const monkeys = selectMonkeys(config, registry);
  const schedules = new Map(
    monkeys.map((m) => [m.name, new Schedule(monkeyConfigOf(config, m).schedule)]),
  );

  while (!signal.aborted) {
    let acquired = false;
    try {
      acquired = await lock.acquire();
    } catch (error) {
      // An API server that is down for a while must not end the daemon: it stands by and retries.
      logger.warn(
        { lock: lock.description, error: (error as Error).message },
        'cannot take the lock',
      );
    }
    if (!acquired) {
      logger.info({ lock: lock.description }, 'another replica holds the lock; standing by');
      await sleep(options.standbyRetryMs ?? 15_000, signal);
      continue;
    }
    const now = new Date();
    const next = monkeys
      .map((m) => ({ monkey: m, slot: schedules.get(m.name)!.eligibleSlots(now, 1)[0] }))
      .filter((x): x is { monkey: (typeof monkeys)[number]; slot: Date } => x.slot !== undefined)
      .sort((a, b) => a.slot.getTime() - b.slot.getTime());
    const first = next[0];
    if (!first) {
      logger.warn('no enabled monkey has an eligible slot in its schedule; the daemon idles');
      await waitHolding(3_600_000, lock, signal, logger);
      continue;
    }
    const due = next.filter((x) => x.slot.getTime() === first.slot.getTime());
    logger.info(
      { at: first.slot.toISOString(), monkeys: due.map((d) => d.monkey.name) },
      'sleeping until the next slot',
    );
    let holding = await waitHolding(first.slot.getTime() - Date.now(), lock, signal, logger);
    if (signal.aborted) break;
    for (const { monkey } of due) {
      if (!holding) break;
      const schedule = schedules.get(monkey.name)!;
      if (!schedule.fires(rng, first.slot)) {
        logger.info({ monkey: monkey.name }, 'slot did not fire (mean time between actions)');
        continue;
      }
      holding =
        (await waitHolding(schedule.jitter(rng), lock, signal, logger)) &&
        (await stillHolding(lock, logger));
      if (!holding) break;
      const run = await whileHolding(lock, signal, logger, (runSignal) =>
        runMonkeys({
          config,
          registry,
          store,
          logger,
          mode: 'run',
          monkeys: [monkey.name],
          signal: runSignal,
          rng,
          ...(lock.identity !== undefined ? { holder: lock.identity } : {}),
          ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
        }),
      );
      options.onRun?.(run.value);
      holding = !run.lost;
    }
    if (!holding) {
      if (signal.aborted) break;
      logger.warn({ lock: lock.description }, 'lost the lock; standing by');
      continue;
    }
    // Never fire the same slot twice, even if the run took no time at all.
    await sleep(Math.max(0, first.slot.getTime() + 1_000 - Date.now()), signal);
  }
  await lock
    .release()
    .catch((error: unknown) =>
      logger.warn(
        { lock: lock.description, error: (error as Error).message },
        'cannot release the lock',
      ),
    );
}
