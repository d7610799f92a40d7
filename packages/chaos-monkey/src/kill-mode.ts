import type { Rng } from '@simian/core';

/**
 * How many members of a group one run kills (kube-monkey's kill modes):
 * - `one`: a single member;
 * - `fixed`: exactly `count` members;
 * - `percent`: `percent`% of the group's members, rounded down, at least one;
 * - `random-max-percent`: a random number from 1 up to `percent`% of the members (rounded down,
 *   at least one), drawn anew each run.
 */
export type KillMode =
  | { kind: 'one' }
  | { kind: 'fixed'; count: number }
  | { kind: 'percent'; percent: number }
  | { kind: 'random-max-percent'; percent: number };

/** The forms a kill mode is written in, for messages and docs. */
export const KILL_MODE_SYNTAX = '"one", "fixed:N", "percent:P" or "random-max-percent:P"';

// Label values may not contain ":", so "fixed-3" and "percent.30" are accepted too.
const PATTERN = /^(one|fixed|percent|random-max-percent)(?:[:_.-](\d+))?$/;

/**
 * Reads a kill mode written as `one`, `fixed:N`, `percent:P` or `random-max-percent:P` (or with
 * `-`, `_` or `.` in place of `:`, since Kubernetes label values cannot hold a colon).
 * Returns a problem in words for anything else.
 */
export function parseKillMode(text: string): KillMode | { problem: string } {
  const m = PATTERN.exec(text.trim().toLowerCase());
  if (!m) return { problem: `kill mode must be ${KILL_MODE_SYNTAX}, but "${text}" was given` };
  const [, kind, digits] = m;
  if (kind === 'one') {
    return digits === undefined ? { kind: 'one' } : { problem: `kill mode "one" takes no number` };
  }
  if (digits === undefined) {
    return { problem: `kill mode "${kind}" needs a number, as in "${kind}:2"` };
  }
  const n = Number(digits);
  if (kind === 'fixed') {
    return n >= 1 ? { kind, count: n } : { problem: `kill mode "fixed:${n}" must kill at least 1` };
  }
  if (n < 1 || n > 100) {
    return { problem: `kill mode "${kind}:${n}" needs a percent from 1 to 100` };
  }
  return kind === 'percent' ? { kind, percent: n } : { kind: 'random-max-percent', percent: n };
}

/** The kill mode as it is written in config and labels. */
export function formatKillMode(mode: KillMode): string {
  switch (mode.kind) {
    case 'one':
      return 'one';
    case 'fixed':
      return `fixed:${mode.count}`;
    default:
      return `${mode.kind}:${mode.percent}`;
  }
}

/**
 * How many members the mode asks for in a group of `members`, before any safety limit. A percent
 * of a small group rounds down but never to zero: a workload that opted in to chaos gets some.
 */
export function requestedKills(mode: KillMode, members: number, rng: Rng): number {
  if (members <= 0) return 0;
  switch (mode.kind) {
    case 'one':
      return 1;
    case 'fixed':
      return mode.count;
    case 'percent':
      return Math.max(1, Math.floor((members * mode.percent) / 100));
    case 'random-max-percent': {
      const max = Math.max(1, Math.floor((members * mode.percent) / 100));
      return 1 + rng.int(max);
    }
  }
}
