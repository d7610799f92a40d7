import { Schedule } from '../schedule/scheduler.js';
import type { ScheduleConfig } from '../schedule/schema.js';

/**
 * The chance that one run acts on a group (kills in a workload, injects latency into a service)
 * whose mean time between actions is `mtbfMs`. Shared by the monkeys that pick targets on a
 * schedule (chaos, latency).
 *
 * p = min(1, slotInterval / mtbf), where slotInterval is the calendar time one eligible slot of
 * the monkey's schedule stands for: 28 days divided by the number of eligible slots (cron fire
 * times inside the windows) in the 28 days from `now`. That is core's own MTBF formula
 * (`Schedule.slotProbability`) with the workload's mean, so over 28 days a workload expects
 * 28d / mtbf actions, however the windows are set. Hourly runs in business hours (160 slots in 28
 * days, slotInterval 4.2h) and `mtbf: 2d` give p = 4.2h / 48h = 0.0875.
 *
 * The draw is independent of the monkey-wide `schedule.meanTimeBetweenActions`: when both are set,
 * a group is acted on about every mtbf / p(schedule).
 */
export function mtbfProbability(schedule: ScheduleConfig, mtbfMs: number, now: Date): number {
  // Counting 28 days of slots takes a while; the count changes at most once an hour.
  const key = `${JSON.stringify(schedule)}|${mtbfMs}|${Math.floor(now.getTime() / 3_600_000)}`;
  let p = cache.get(key);
  if (p === undefined) {
    p = new Schedule({ ...schedule, meanTimeBetweenActions: mtbfMs }).slotProbability(now);
    if (cache.size >= 256) cache.clear();
    cache.set(key, p);
  }
  return p;
}

const cache = new Map<string, number>();
