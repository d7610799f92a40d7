import type { Recovery, RecoveryLook } from './recovery.js';

/** How long and how often to look. */
export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal;
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Looks at a group until it has recovered, the timeout passes, the run is interrupted, or the
 * look says waiting is pointless. A look that throws (a timeout on one read) is retried at the
 * next interval: a flaky read must not cut the measurement short, but the last error is kept.
 */
export async function pollRecovery(
  look: () => Promise<RecoveryLook>,
  options: PollOptions,
): Promise<Recovery> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started) / 1000;
  const base = { recoveryTimeoutSeconds: options.timeoutMs / 1000 };
  let last: RecoveryLook | undefined;
  let lastError: string | undefined;
  for (;;) {
    try {
      last = await look();
      lastError = undefined;
    } catch (e) {
      lastError = (e as Error).message;
    }
    const seen = {
      ...(last?.ready !== undefined ? { readyAfter: last.ready } : {}),
      ...(last?.desired !== undefined ? { desiredAfter: last.desired } : {}),
    };
    if (last?.done) return { recovered: true, recoverySeconds: elapsed(), ...base, ...seen };
    if (last?.hopeless) {
      return {
        recovered: false,
        recoverySeconds: elapsed(),
        ...base,
        ...seen,
        recoveryDetail: last.hopeless,
      };
    }
    if (options.signal.aborted) {
      return {
        recovered: false,
        recoverySeconds: elapsed(),
        ...base,
        ...seen,
        recoveryDetail: 'the run was interrupted while waiting for recovery',
      };
    }
    if (performance.now() - started >= options.timeoutMs) {
      return {
        recovered: false,
        recoverySeconds: elapsed(),
        ...base,
        ...seen,
        recoveryDetail: `not back to desired within ${options.timeoutMs / 1000}s${lastError ? ` (last read failed: ${lastError})` : ''}`,
      };
    }
    await sleep(options.intervalMs, options.signal);
  }
}
