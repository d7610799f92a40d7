import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { ScriptedLock } from '@simian/testing';
import { waitHolding, whileHolding } from './holding.js';

const logger = silentLogger();
const never = new AbortController().signal;

describe('holding the leader lock', () => {
  it('renews while it waits, and says false the moment the lock is lost', async () => {
    const kept = new ScriptedLock(
      () => true,
      () => true,
    );
    expect(await waitHolding(55, kept, never, logger)).toBe(true);
    expect(kept.renews).toBeGreaterThanOrEqual(4);

    const lost = new ScriptedLock(
      () => true,
      (n) => n < 3,
    );
    expect(await waitHolding(10_000, lost, never, logger)).toBe(false);
    expect(lost.renews).toBe(3);
  });

  it('counts a renewal that throws (the API server is down) as lost', async () => {
    const down = new ScriptedLock(
      () => true,
      () => {
        throw new Error('connect ECONNREFUSED');
      },
    );
    expect(await waitHolding(10_000, down, never, logger)).toBe(false);
  });

  it('aborts a run in flight when the lock is lost during it', async () => {
    const lock = new ScriptedLock(
      () => true,
      (n) => n < 4,
    );
    const { value, lost } = await whileHolding(
      lock,
      never,
      logger,
      (signal) =>
        // A run that would take a minute, and stops when its signal aborts.
        new Promise<string>((resolve) => {
          const timer = setTimeout(() => resolve('finished'), 60_000);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(`stopped: ${(signal.reason as Error).message}`);
          });
        }),
    );
    expect(value).toBe('stopped: the leader lock was lost');
    expect(lost).toBe(true);
    expect(lock.renews).toBe(4);
  });

  it("lets a run that keeps the lock finish, and passes the daemon's own abort on", async () => {
    const lock = new ScriptedLock(
      () => true,
      () => true,
    );
    expect(await whileHolding(lock, never, logger, async () => 'done')).toEqual({
      value: 'done',
      lost: false,
    });
    const stop = new AbortController();
    const run = whileHolding(
      lock,
      stop.signal,
      logger,
      (signal) =>
        new Promise<boolean>((resolve) => signal.addEventListener('abort', () => resolve(true))),
    );
    stop.abort();
    expect(await run).toEqual({ value: true, lost: false });
  });
});
