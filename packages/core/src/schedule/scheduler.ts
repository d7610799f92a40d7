import { Cron } from 'croner';
import type { Rng } from '../rng.js';
import type { ScheduleConfig } from './schema.js';
import { isInWindow } from './windows.js';

/** How far ahead eligible slots are looked for: past a year, a schedule is said never to fire. */
const SLOT_HORIZON_MS = 366 * 86_400_000;
/** Cron times looked at, at most, in one search (an every-minute cron scans ~70 days). */
const MAX_SCANNED = 100_000;

/** Horizon over which the share of eligible slots is counted for MTBF probabilities. */
const MTBF_HORIZON_MS = 28 * 86_400_000;

/**
 * A monkey's schedule: cron fire times in a time zone, kept only inside the allowed windows,
 * each firing with the probability that yields the configured mean time between actions.
 */
export class Schedule {
  readonly config: ScheduleConfig;
  readonly #cron: Cron;
  #probability: number | undefined;

  constructor(config: ScheduleConfig) {
    this.config = config;
    this.#cron = new Cron(config.cron, { timezone: config.timezone, paused: true });
  }

  /**
   * Cron fire times after `from` that fall inside the windows (before MTBF and jitter), up to
   * `until` (a year after `from` unless given): a cron that never meets its window (`0 0 * * *`
   * with 09:00-17:00) is answered in a year's slots, not by scanning without end.
   */
  eligibleSlots(from: Date, count: number, options: { until?: Date } = {}): Date[] {
    const until = (options.until ?? new Date(from.getTime() + SLOT_HORIZON_MS)).getTime();
    const out: Date[] = [];
    let cursor = from;
    for (let scanned = 0; out.length < count && scanned < MAX_SCANNED; scanned++) {
      const next = this.#cron.nextRun(cursor);
      if (!next || next.getTime() > until) break;
      if (isInWindow(next, this.config.windows, this.config.timezone)) out.push(next);
      cursor = next;
    }
    return out;
  }

  /**
   * Why this schedule cannot fire within a year of `from`, or undefined when it can: its cron
   * times all fall outside the allowed window.
   */
  neverFires(from: Date): string | undefined {
    if (this.eligibleSlots(from, 1).length > 0) return undefined;
    const cron = this.cronTimes(from, 1)[0];
    const { windows, timezone } = this.config;
    return cron === undefined
      ? `cron "${this.config.cron}" has no fire time after ${from.toISOString()}`
      : `cron "${this.config.cron}" never fires inside the allowed window (${windows.days.join(',')} ${windows.hours.start}-${windows.hours.end} ${timezone}) within a year`;
  }

  /**
   * The chance that one eligible slot fires. With a mean time between actions T and, over the
   * horizon H, N eligible slots, p = H / (N * T): expected actions over H is then H / T.
   */
  slotProbability(from = new Date()): number {
    const mtba = this.config.meanTimeBetweenActions;
    if (mtba === undefined) return 1;
    if (this.#probability !== undefined) return this.#probability;
    const end = from.getTime() + MTBF_HORIZON_MS;
    let n = 0;
    let cursor = from;
    for (;;) {
      const next = this.#cron.nextRun(cursor);
      if (!next || next.getTime() > end) break;
      if (isInWindow(next, this.config.windows, this.config.timezone)) n++;
      cursor = next;
    }
    this.#probability = n === 0 ? 0 : Math.min(1, MTBF_HORIZON_MS / (n * mtba));
    return this.#probability;
  }

  /** Decides whether one eligible slot fires (the MTBF draw). */
  fires(rng: Rng, from = new Date()): boolean {
    return rng.next() < this.slotProbability(from);
  }

  /** A random delay up to the configured jitter. */
  jitter(rng: Rng): number {
    return this.config.jitter > 0 ? Math.floor(rng.next() * this.config.jitter) : 0;
  }

  /**
   * For `run --once` (a CronJob): the eligible slot, if any, in (since, now]. `since` is the end of
   * the last run, or `now - lookback` for a first run, so a late CronJob still catches its slot
   * and a repeated one does not act twice.
   */
  dueSlot(now: Date, since: Date | undefined, lookbackMs = 10 * 60_000): Date | undefined {
    const from =
      since && since.getTime() > now.getTime() - lookbackMs
        ? since
        : new Date(now.getTime() - lookbackMs);
    const [slot] = this.eligibleSlots(from, 1, { until: now });
    return slot;
  }

  /** Fire times of the cron itself, ignoring windows (for `simian schedule`). */
  cronTimes(from: Date, count: number): Date[] {
    return this.#cron.nextRuns(count, from);
  }
}

/** Formats an instant on the wall clock of `timezone`, with its offset: `2026-03-29 03:00 +02:00`. */
export function formatInZone(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    timeZoneName: 'longOffset',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${offset}`;
}
