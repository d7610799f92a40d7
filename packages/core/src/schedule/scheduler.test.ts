import { describe, expect, it } from 'vitest';
import { seededRng } from '../rng.js';
import { scheduleSchema } from './schema.js';
import { formatInZone, Schedule } from './scheduler.js';
import { isInWindow, outsideWindowReason } from './windows.js';

const schedule = (input: Record<string, unknown>) => new Schedule(scheduleSchema.parse(input));
const allDay = {
  days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  hours: { start: '00:00', end: '24:00' },
};

describe('time zones', () => {
  it('fires at the wall-clock time of the configured zone', () => {
    const s = schedule({ cron: '0 10 * * *', timezone: 'America/New_York', windows: allDay });
    const [first] = s.eligibleSlots(new Date('2026-07-01T00:00:00Z'), 1);
    expect(first!.toISOString()).toBe('2026-07-01T14:00:00.000Z'); // EDT = UTC-4
    expect(formatInZone(first!, 'America/New_York')).toBe('Wed 2026-07-01 10:00 -04:00');
  });

  it('skips the non-existent hour of spring-forward once, at the first valid minute', () => {
    // Europe/Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 never happens.
    const s = schedule({ cron: '30 2 * * *', timezone: 'Europe/Berlin', windows: allDay });
    const slots = s.eligibleSlots(new Date('2026-03-28T00:00:00Z'), 3).map((d) => d.toISOString());
    expect(slots).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('fires a daily job once, not twice, in the repeated hour of fall-back', () => {
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice on the wall clock.
    const s = schedule({ cron: '30 2 * * *', timezone: 'Europe/Berlin', windows: allDay });
    const slots = s.eligibleSlots(new Date('2026-10-24T12:00:00Z'), 2).map((d) => d.toISOString());
    expect(slots).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('keeps real-time intervals through fall-back (every 30 minutes of elapsed time)', () => {
    const s = schedule({ cron: '*/30 * * * *', timezone: 'Europe/Berlin', windows: allDay });
    const slots = s.eligibleSlots(new Date('2026-10-25T00:00:00Z'), 4);
    const gaps = slots.slice(1).map((d, i) => (d.getTime() - slots[i]!.getTime()) / 60_000);
    expect(gaps).toEqual([30, 30, 30]);
  });
});

describe('windows', () => {
  const biz = scheduleSchema.parse({ timezone: 'Europe/Berlin' }).windows;

  it('defaults to business hours on weekdays', () => {
    expect(isInWindow(new Date('2026-11-23T09:30:00+01:00'), biz, 'Europe/Berlin')).toBe(true); // Monday
    expect(isInWindow(new Date('2026-11-23T17:00:00+01:00'), biz, 'Europe/Berlin')).toBe(false); // end is exclusive
    expect(isInWindow(new Date('2026-11-22T10:00:00+01:00'), biz, 'Europe/Berlin')).toBe(false); // Sunday
  });

  it('reads the window on the wall clock of the zone, not UTC', () => {
    // 08:30 UTC is 09:30 in Berlin (inside) but 03:30 in New York (outside).
    const t = new Date('2026-11-23T08:30:00Z');
    expect(isInWindow(t, biz, 'Europe/Berlin')).toBe(true);
    expect(isInWindow(t, biz, 'America/New_York')).toBe(false);
  });

  it('expresses other work weeks (Sunday to Thursday)', () => {
    const w = { ...biz, days: ['sun', 'mon', 'tue', 'wed', 'thu'] as const };
    expect(
      isInWindow(
        new Date('2026-11-22T10:00:00+02:00'),
        { ...w, days: [...w.days] },
        'Asia/Jerusalem',
      ),
    ).toBe(true);
    expect(
      isInWindow(
        new Date('2026-11-27T10:00:00+02:00'),
        { ...w, days: [...w.days] },
        'Asia/Jerusalem',
      ),
    ).toBe(false);
  });

  it('skips holidays and says so', () => {
    const w = { ...biz, holidays: ['2026-12-24'] };
    const t = new Date('2026-12-24T10:00:00+01:00');
    expect(isInWindow(t, w, 'Europe/Berlin')).toBe(false);
    expect(outsideWindowReason(t, w, 'Europe/Berlin')).toBe('2026-12-24 is a configured holiday');
  });

  it('handles a window over midnight as belonging to the day it started', () => {
    const w = { days: ['fri' as const], hours: { start: '22:00', end: '04:00' }, holidays: [] };
    expect(isInWindow(new Date('2026-11-27T23:00:00Z'), w, 'UTC')).toBe(true); // Fri 23:00
    expect(isInWindow(new Date('2026-11-28T03:00:00Z'), w, 'UTC')).toBe(true); // Sat 03:00, Friday's night
    expect(isInWindow(new Date('2026-11-29T03:00:00Z'), w, 'UTC')).toBe(false); // Sun 03:00
  });

  it('keeps only slots inside the window', () => {
    const s = schedule({
      cron: '0 * * * *',
      timezone: 'UTC',
      windows: { days: ['mon'], hours: { start: '09:00', end: '12:00' } },
    });
    const slots = s.eligibleSlots(new Date('2026-11-21T00:00:00Z'), 4).map((d) => d.toISOString());
    expect(slots).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T11:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
    ]);
  });
});

describe('mean time between actions', () => {
  it('gives, with a fixed seed, about the configured mean over many slots', () => {
    // Hourly slots in business hours (40 a week); mean 1 day => 28 actions expected over 28 days.
    const s = schedule({ cron: '0 * * * *', timezone: 'UTC', meanTimeBetweenActions: '1d' });
    const from = new Date('2026-11-02T00:00:00Z');
    const p = s.slotProbability(from);
    expect(p).toBeCloseTo(28 / 160, 5);
    const rng = seededRng(42);
    const fired = Array.from({ length: 160 * 50 }, () => s.fires(rng, from)).filter(Boolean).length;
    // 50 four-week periods: expect 1400; a 5% band is > 4 standard deviations here.
    expect(fired).toBeGreaterThan(1330);
    expect(fired).toBeLessThan(1470);
  });

  it('is the same sequence for the same seed', () => {
    const s = schedule({ cron: '0 * * * *', meanTimeBetweenActions: '2d' });
    const draw = (seed: number) => {
      const rng = seededRng(seed);
      return Array.from({ length: 50 }, () => s.fires(rng));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('fires every eligible slot without a mean', () => {
    expect(schedule({}).slotProbability()).toBe(1);
  });

  it('draws jitter within the bound', () => {
    const s = schedule({ jitter: '5m' });
    const rng = seededRng(1);
    const values = Array.from({ length: 200 }, () => s.jitter(rng));
    expect(Math.max(...values)).toBeLessThan(300_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(new Set(values).size).toBeGreaterThan(100);
  });
});

describe('run --once', () => {
  const s = schedule({ cron: '*/15 * * * *', timezone: 'UTC', windows: allDay });

  it('is due when a slot passed since the last run', () => {
    const slot = s.dueSlot(new Date('2026-11-23T10:16:00Z'), new Date('2026-11-23T10:05:00Z'));
    expect(slot?.toISOString()).toBe('2026-11-23T10:15:00.000Z');
  });

  it('is not due twice for the same slot', () => {
    expect(
      s.dueSlot(new Date('2026-11-23T10:20:00Z'), new Date('2026-11-23T10:16:00Z')),
    ).toBeUndefined();
  });

  it('catches a slot within the lookback on a first run, not older ones', () => {
    expect(s.dueSlot(new Date('2026-11-23T10:20:00Z'), undefined)?.toISOString()).toBe(
      '2026-11-23T10:15:00.000Z',
    );
    expect(s.dueSlot(new Date('2026-11-23T10:40:00Z'), undefined, 5 * 60_000)).toBeUndefined();
  });
});

describe('a schedule that never meets its window', () => {
  const never = schedule({
    cron: '0 0 * * *',
    timezone: 'UTC',
    windows: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: { start: '09:00', end: '17:00' } },
  });

  it('is said, at once, and has no slots and no due slot', () => {
    const from = new Date('2026-11-23T10:00:00Z');
    const started = Date.now();
    expect(never.eligibleSlots(from, 5)).toEqual([]);
    expect(never.dueSlot(from, undefined)).toBeUndefined();
    expect(never.neverFires(from)).toBe(
      'cron "0 0 * * *" never fires inside the allowed window (mon,tue,wed,thu,fri 09:00-17:00 UTC) within a year',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
