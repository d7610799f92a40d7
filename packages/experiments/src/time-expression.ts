/**
 * The times Chaos Toolkit's Prometheus probes accept (they use `dateparser`), for the forms
 * experiments write: `now`, `5 minutes ago`, `in 2 hours`, an RFC 3339 / ISO 8601 date, or Unix
 * seconds. Returns undefined for anything else, so the caller can say which text it could not read.
 */
const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  week: 604_800,
  weeks: 604_800,
};

export function parseTimeExpression(text: string, now = new Date()): Date | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'now') return now;
  const relative = /^(in\s+)?(\d+(?:\.\d+)?)\s*([a-z]+)(\s+ago)?$/.exec(t);
  if (relative) {
    const [, future, amount, unit, past] = relative;
    const seconds = UNITS[unit!];
    if (seconds === undefined || Boolean(future) === Boolean(past)) return undefined;
    const sign = past ? -1 : 1;
    return new Date(now.getTime() + sign * Number(amount) * seconds * 1000);
  }
  if (/^\d+(\.\d+)?$/.test(t)) return new Date(Number(t) * 1000);
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const d = new Date(text.trim());
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}
