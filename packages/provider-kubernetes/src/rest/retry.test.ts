import { describe, expect, it } from 'vitest';
import {
  defaultRetryPolicy,
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  withRetries,
  type AttemptVerdict,
} from './retry.js';

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    expect(parseRetryAfter('1.5')).toBe(1500);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent and unreadable values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  const policy = {
    ...defaultRetryPolicy,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    maxRetryAfterMs: 5000,
  };

  it('honours Retry-After, bounded', () => {
    expect(retryDelayMs(1, policy, 2000)).toBe(2000);
    expect(retryDelayMs(1, policy, 60_000)).toBe(5000);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(retryDelayMs(1, policy, undefined, () => 0.999)).toBe(99);
    expect(retryDelayMs(3, policy, undefined, () => 0.999)).toBe(399);
    expect(retryDelayMs(10, policy, undefined, () => 0.999)).toBe(999);
    expect(retryDelayMs(3, policy, undefined, () => 0)).toBe(0);
  });
});

describe('what is retryable', () => {
  it('throttling and server trouble, not client errors', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });

  it('broken connections', () => {
    expect(isRetryableNetworkError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(
      true,
    );
    expect(isRetryableNetworkError(new Error('socket hang up'))).toBe(true);
    expect(
      isRetryableNetworkError(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' })),
    ).toBe(false);
  });
});

describe('withRetries', () => {
  // A scripted sequence of outcomes stands in for a server here: a real API server cannot be
  // made to throttle on demand. The transport-level test (client.test.ts) uses a real socket.
  const script = <T>(verdicts: Array<AttemptVerdict<T>>) => {
    let i = 0;
    return async () => verdicts[i++]!;
  };

  it('waits what Retry-After says, then succeeds', async () => {
    const waits: number[] = [];
    const value = await withRetries(
      script([
        { done: false, retryAfterMs: 1500, error: new Error('429') },
        { done: true, value: 'ok' },
      ]),
      defaultRetryPolicy,
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(value).toBe('ok');
    expect(waits).toEqual([1500]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let attempts = 0;
    const run = withRetries(
      async () => {
        attempts++;
        return { done: false, error: new Error(`failure ${attempts}`) };
      },
      { ...defaultRetryPolicy, maxAttempts: 3 },
      { sleep: async () => undefined },
    );
    await expect(run).rejects.toThrow('failure 3');
    expect(attempts).toBe(3);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const run = withRetries(
      async () => ({ done: false, retryAfterMs: 60_000, error: new Error('429') }),
      defaultRetryPolicy,
      { signal: controller.signal },
    );
    controller.abort(new Error('stop'));
    await expect(run).rejects.toThrow('stop');
  });
});
