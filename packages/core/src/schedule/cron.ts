import { Cron } from 'croner';

const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const FIELD_RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

/**
 * Says what is wrong with a cron expression, or undefined when it is a valid 5-field one. Croner
 * accepts 6 fields (seconds) and some extensions; we insist on the classic 5 so that the file means
 * the same thing to every reader.
 */
export function cronProblem(expr: string): string | undefined {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `must be a 5-field cron expression (minute hour day-of-month month day-of-week), but "${expr}" has ${fields.length} field${fields.length === 1 ? '' : 's'}`;
  }
  for (const [i, field] of fields.entries()) {
    for (const n of field.match(/\d+/g) ?? []) {
      const [lo, hi] = FIELD_RANGES[i]!;
      const value = Number(n);
      const isStep = new RegExp(`/${n}(?!\\d)`).test(field);
      if (!isStep && (value < lo || value > hi)) {
        return `must be a 5-field cron expression, but "${expr}" has ${FIELD_NAMES[i]} ${value} (allowed ${lo}-${hi})`;
      }
    }
  }
  try {
    new Cron(expr, { paused: true });
  } catch (e) {
    return `must be a 5-field cron expression, but "${expr}" is not: ${(e as Error).message}`;
  }
  return undefined;
}

/** Fire times of `expr` in `timezone` strictly after `from`, at most `count`. */
export function nextFireTimes(expr: string, timezone: string, from: Date, count: number): Date[] {
  const cron = new Cron(expr, { timezone, paused: true });
  return cron.nextRuns(count, from);
}
