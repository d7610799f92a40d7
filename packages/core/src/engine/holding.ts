import type { Logger } from '../logger.js';
import type { LeaderLock } from './leader-lock.js';

/** Waits `ms`, or less if `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
 * Renews `lock`; false when it is lost or cannot be renewed (an unreachable API server counts as
 * lost: a replica that cannot prove it holds the lock must not act).
 */
export async function stillHolding(lock: LeaderLock, logger: Logger): Promise<boolean> {
  try {
    return await lock.renew();
  } catch (error) {
    logger.warn(
      { lock: lock.description, error: (error as Error).message },
      'cannot renew the lock',
    );
    return false;
  }
}

/**
 * Waits `ms` while holding `lock`, renewing it every `renewIntervalMs` (a Lease expires unless
 * renewed). False as soon as the lock is lost: the caller must stop acting.
 */
export async function waitHolding(
  ms: number,
  lock: LeaderLock,
  signal: AbortSignal,
  logger: Logger,
): Promise<boolean> {
  const until = Date.now() + Math.max(0, ms);
  const every = lock.renewIntervalMs ?? 60_000;
  for (;;) {
    const left = until - Date.now();
    if (left <= 0 || signal.aborted) return !signal.aborted;
    await sleep(Math.min(left, every), signal);
    if (signal.aborted) return false;
    if (!(await stillHolding(lock, logger))) return false;
  }
}

/**
 * Runs `work` while renewing `lock` in the background; the moment the lock is lost, the signal
 * `work` gets is aborted, so a long run stops between two actions (and rolls back its faults)
 * rather than act beside the replica that took over.
 */
export async function whileHolding<T>(
  lock: LeaderLock,
  signal: AbortSignal,
  logger: Logger,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<{ value: T; lost: boolean }> {
  const inner = new AbortController();
  const forward = () => inner.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  let lost = false;
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing || inner.signal.aborted) return;
    renewing = true;
    void stillHolding(lock, logger).then((held) => {
      renewing = false;
      if (!held && !inner.signal.aborted) {
        lost = true;
        logger.warn({ lock: lock.description }, 'lost the lock during a run; stopping it');
        inner.abort(new Error('the leader lock was lost'));
      }
    });
  }, lock.renewIntervalMs ?? 60_000);
  try {
    return { value: await work(inner.signal), lost };
  } finally {
    clearInterval(timer);
    signal.removeEventListener('abort', forward);
  }
}
