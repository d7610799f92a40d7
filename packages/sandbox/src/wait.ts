import { TargetError } from '@simian/core';

/** How long and how often {@link waitUntil} polls, and what it says when time runs out. */
export interface WaitOptions {
  /** What is awaited, for the error ("kube-apiserver /readyz to answer ok"). */
  what: string;
  /** What to do about it, for the error. */
  hint?: string;
  /** @default 60_000 */
  timeoutMs?: number;
  /** @default 250 */
  intervalMs?: number;
}

/**
 * Polls `check` until it returns a value other than `undefined`, and returns that value. A check
 * may throw to stop waiting at once (a process died). When time runs out it throws a
 * `TargetError` (`TARGET_UNREACHABLE`) that names what was awaited.
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined>,
  options: WaitOptions,
): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 250 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      throw new TargetError(
        `timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${options.what}`,
        {
          code: 'TARGET_UNREACHABLE',
          ...(options.hint === undefined ? {} : { hint: options.hint }),
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
