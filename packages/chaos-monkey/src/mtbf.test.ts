import { scheduleSchema, seededRng } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { killProbability } from './mtbf.js';

describe('per-workload mean time between kills', () => {
  const from = new Date('2026-11-02T00:00:00Z'); // a Monday

  it('is slotInterval / mtbf: hourly runs in business hours and mtbf 2d give 0.0875', () => {
    const hourly = scheduleSchema.parse({ cron: '0 * * * *', timezone: 'UTC' });
    // 8 slots a weekday, 20 weekdays in 28 days: 160 slots, each standing for 4.2 hours.
    expect(killProbability(hourly, 2 * 86_400_000, from)).toBeCloseTo(4.2 / 48, 6);
  });

  it('fires about 28d / mtbf times over 28 days of runs', () => {
    const hourly = scheduleSchema.parse({ cron: '0 * * * *', timezone: 'UTC' });
    const p = killProbability(hourly, 4 * 86_400_000, from);
    const rng = seededRng(3);
    // 200 simulated four-week periods of 160 runs: expect 7 kills each, 1400 in all.
    const kills = Array.from({ length: 160 * 200 }, () => rng.next() < p).filter(Boolean).length;
    expect(kills).toBeGreaterThan(1330);
    expect(kills).toBeLessThan(1470);
  });

  it('is at most 1, when the mean is shorter than the time between slots', () => {
    const daily = scheduleSchema.parse({ cron: '0 10 * * *', timezone: 'UTC' });
    expect(killProbability(daily, 3_600_000, from)).toBe(1);
  });
});
