import type { DayName, WindowConfig } from './schema.js';

const DAYS: DayName[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// Building a DateTimeFormat costs far more than using one; schedules ask thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall-clock date and time of `instant` in `timezone`. */
export function localParts(
  instant: Date,
  timezone: string,
): { date: string; day: DayName; minutes: number } {
  const parts = formatterFor(timezone).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = get('weekday').slice(0, 3).toLowerCase() as DayName;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    day,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Whether `instant` falls inside the window, read on the wall clock of `timezone`. A window whose
 * end is before its start runs over midnight and belongs to the day (and holiday) it started on.
 */
export function isInWindow(instant: Date, window: WindowConfig, timezone: string): boolean {
  const { date, day, minutes } = localParts(instant, timezone);
  const start = toMinutes(window.hours.start);
  const end = toMinutes(window.hours.end);
  const allowed = (d: DayName, onDate: string) =>
    window.days.includes(d) && !window.holidays.includes(onDate);
  if (start < end) return minutes >= start && minutes < end && allowed(day, date);
  if (start === end) return allowed(day, date);
  if (minutes >= start) return allowed(day, date);
  if (minutes < end) {
    const yesterday = DAYS[(DAYS.indexOf(day) + 6) % 7]!;
    return allowed(yesterday, previousDate(date));
  }
  return false;
}

/** Why `instant` is outside the window, in words, or undefined when it is inside. */
export function outsideWindowReason(
  instant: Date,
  window: WindowConfig,
  timezone: string,
): string | undefined {
  if (isInWindow(instant, window, timezone)) return undefined;
  const { date, day, minutes } = localParts(instant, timezone);
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  if (window.holidays.includes(date)) return `${date} is a configured holiday`;
  return `${day} ${date} ${hhmm} ${timezone} is outside the allowed window (${window.days.join(',')} ${window.hours.start}-${window.hours.end})`;
}
