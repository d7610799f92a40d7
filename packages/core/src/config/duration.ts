import { z } from 'zod';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses `90s`, `15m`, `4h`, `2d`, `1w`, `1h30m`. Returns undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, n, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d|w)/g)) {
    total += Number(n) * UNIT_MS[unit as string]!;
  }
  return total;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** A duration written as text (`15m`, `4h`, `2d`), parsed to milliseconds. */
export const durationSchema = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, {
    message: 'must be a duration such as "30s", "15m", "4h", "2d" or "1h30m"',
  })
  .transform((s) => parseDuration(s)!);

/** A duration that must be longer than zero: a poll interval of 0s is a busy loop, not a wait. */
export const positiveDurationSchema = durationSchema.refine((ms) => ms > 0, {
  message: 'must be longer than 0s',
});
