import { describe, expect, it } from 'vitest';
import { mapBounded, Semaphore } from './semaphore.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('Semaphore', () => {
  it('never runs more than its limit at once, and runs everything', async () => {
    const semaphore = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        semaphore.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(semaphore.active).toBe(0);
    expect(semaphore.waiting).toBe(0);
  });

  it('frees the slot when a task throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });

  it('starts waiters in arrival order', async () => {
    const semaphore = new Semaphore(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => semaphore.run(async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('refuses a limit below 1', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });

  it('mapBounded keeps input order', async () => {
    const out = await mapBounded([30, 10, 20], 2, async (ms) => {
      await new Promise((r) => setTimeout(r, ms));
      return ms;
    });
    expect(out).toEqual([30, 10, 20]);
  });
});
