/** How a failed request is tried again. */
export interface RetryPolicy {
  /**
   * Attempts in all, the first included.
   * @default 5
   */
  maxAttempts: number;
  /**
   * The first backoff step; each further attempt doubles it (full jitter).
   * @default 200
   */
  baseDelayMs: number;
  /**
   * No computed backoff is longer than this.
   * @default 10_000
   */
  maxDelayMs: number;
  /**
   * A server's `Retry-After` is honoured up to this long; beyond it we wait this long.
   * @default 30_000
   */
  maxRetryAfterMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
};

/** HTTP statuses worth another try: throttling and the server's own trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

const retryableNetworkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** Network failures worth another try (a reset connection, a refused one during a restart). */
export function isRetryableNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && retryableNetworkCodes.has(code)) return true;
  return error instanceof Error && /socket hang up/i.test(error.message);
}

/**
 * A `Retry-After` header in milliseconds: either delay-seconds or an HTTP date. Undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * How long to wait before attempt `attempt + 1` (`attempt` counts from 1). A server's Retry-After
 * wins (bounded by `maxRetryAfterMs`); otherwise exponential backoff with full jitter, so many
 * clients that failed together do not come back together.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined)
    return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or rejects when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What one attempt came to, as far as retrying is concerned. */
export type AttemptVerdict<T> =
  { done: true; value: T } | { done: false; retryAfterMs?: number; error: unknown };

/** Hooks and clock of {@link withRetries}; tests replace the clock. */
export interface RetryHooks {
  signal?: AbortSignal;
  /** Called before each wait, with the attempt that failed and the wait. */
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * Runs `attempt` until it is done or `policy.maxAttempts` is used up; then throws the last error.
 * `attempt` decides what is retryable and throws what is not.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<AttemptVerdict<T>>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  for (let n = 1; ; n++) {
    const verdict = await attempt(n);
    if (verdict.done) return verdict.value;
    if (n >= policy.maxAttempts) throw verdict.error;
    const delay = retryDelayMs(n, policy, verdict.retryAfterMs, hooks.random);
    hooks.onRetry?.(n, delay, verdict.error);
    await wait(delay, hooks.signal);
  }
}
