import type { Logger } from '../logger.js';
import type { Registry } from '../registry.js';
import { randomRng, type Rng } from '../rng.js';
import { Schedule } from '../schedule/scheduler.js';
import type { Store } from '../store/store.js';
import type { SimianConfig } from '../config/schema.js';
import type { RunResult } from '../types.js';
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Waits `ms` while holding `lock`, renewing it every `renewIntervalMs` (a Lease expires unless
 * renewed). False as soon as the lock is lost: the caller must stop acting.
 */
async function waitHolding(ms: number, lock: LeaderLock, signal: AbortSignal): Promise<boolean> {
  const until = Date.now() + Math.max(0, ms);
  const every = lock.renewIntervalMs ?? 60_000;
  for (;;) {
    const left = until - Date.now();
    if (left <= 0 || signal.aborted) return !signal.aborted;
    await sleep(Math.min(left, every), signal);
    if (signal.aborted) return false;
    if (!(await lock.renew())) return false;
  }
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
    if (!(await lock.acquire())) {
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
      await waitHolding(3_600_000, lock, signal);
      continue;
    }
    const due = next.filter((x) => x.slot.getTime() === first.slot.getTime());
    logger.info(
      { at: first.slot.toISOString(), monkeys: due.map((d) => d.monkey.name) },
      'sleeping until the next slot',
    );
    let holding = await waitHolding(first.slot.getTime() - Date.now(), lock, signal);
    if (signal.aborted) break;
    for (const { monkey } of due) {
      if (!holding) break;
      const schedule = schedules.get(monkey.name)!;
      if (!schedule.fires(rng, first.slot)) {
        logger.info({ monkey: monkey.name }, 'slot did not fire (mean time between actions)');
        continue;
      }
      holding = (await waitHolding(schedule.jitter(rng), lock, signal)) && (await lock.renew());
      if (!holding) break;
      const result = await runMonkeys({
        config,
        registry,
        store,
        logger,
        mode: 'run',
        monkeys: [monkey.name],
        signal,
        rng,
        ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
      });
      options.onRun?.(result);
    }
    if (!holding) {
      if (signal.aborted) break;
      logger.warn({ lock: lock.description }, 'lost the lock; standing by');
      continue;
    }
    // Never fire the same slot twice, even if the run took no time at all.
    await sleep(Math.max(0, first.slot.getTime() + 1_000 - Date.now()), signal);
  }
  await lock.release();
}
