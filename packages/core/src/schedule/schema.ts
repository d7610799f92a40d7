import { z } from 'zod';
import { durationSchema } from '../config/duration.js';
import { cronProblem } from './cron.js';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type DayName = (typeof DAY_NAMES)[number];

const clock = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be a time of day as "HH:MM" (24-hour clock)');

/** When actions may happen, in the schedule's time zone. */
export const windowSchema = z
  .strictObject({
    /** @default ["mon","tue","wed","thu","fri"] */
    days: z.array(z.enum(DAY_NAMES)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    /** @default { start: "09:00", end: "17:00" } */
    hours: z.strictObject({ start: clock, end: clock }).default({ start: '09:00', end: '17:00' }),
    /** Dates (YYYY-MM-DD) on which nothing happens. */
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as "YYYY-MM-DD"'))
      .default([]),
  })
  .describe('Allowed window: weekdays, hours and holiday dates in the schedule time zone.');

export const scheduleSchema = z
  .strictObject({
    /** 5-field cron expression. @default "0 * * * *" (hourly) */
    cron: z
      .string()
      .default('0 * * * *')
      .superRefine((value, ctx) => {
        const problem = cronProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    /** IANA time zone for cron, windows and holidays. @default "UTC" */
    timezone: z.string().default('UTC').refine(isTimeZone, {
      message: 'must be an IANA time zone such as "Europe/Berlin" or "UTC"',
    }),
    /** When actions may happen. @default business hours, Monday to Friday */
    windows: windowSchema.prefault({}).describe('When actions may happen.'),
    /**
     * Mean time between actions (Chaos Monkey's MTBF), in calendar time: each eligible slot fires
     * with the probability that gives this mean. Absent: every eligible slot fires.
     */
    meanTimeBetweenActions: durationSchema.optional(),
    /** Random delay added to each fire time, up to this much. @default "0s" */
    jitter: durationSchema
      .prefault('0s')
      .describe('Random delay added to each fire time, up to this much.'),
    /** Minimum time between two actions on the same group (workload, ASG, stack). @default "1h" */
    minTimeBetweenActions: durationSchema
      .prefault('1h')
      .describe('Minimum time between two actions on the same group (workload, ASG, stack).'),
  })
  .describe('When a monkey runs and how often it acts.');

export type ScheduleConfig = z.output<typeof scheduleSchema>;
export type WindowConfig = z.output<typeof windowSchema>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
