import { deepEqual } from './deep-equal.js';
import { parseJsonPath } from './jsonpath.js';
import type { ProbeTolerance, Tolerance } from './schema.js';
import { substitute, type ExperimentConfiguration, type ExperimentSecrets } from './substitute.js';

/**
 * Whether a steady-state probe's output is within its tolerance, with chaoslib's rules
 * (`chaoslib.hypothesis.within_tolerance`), including the ones that surprise:
 *
 * - a number against an output that has a `status` (http, process) compares the status;
 * - a list against such an output is the list of allowed statuses, even with two entries
 *   (`[200, 299]` allows 200 and 299, not the range); against anything else a two-entry list is an
 *   inclusive range and a longer list the allowed values;
 * - `regex`, `jsonpath` and `range` look inside `output[target]` when `target` is given;
 * - a `probe` tolerance runs that probe with the output as its `value` argument and passes when it
 *   returns something truthy (a failing probe counts as "not within").
 *
 * Chaos Toolkit accepts only integers as numeric tolerances (a float never matches there); Simian
 * compares any number.
 */
export interface ToleranceContext {
  configuration: ExperimentConfiguration;
  secrets: ExperimentSecrets;
  /** Runs a tolerance probe and returns its output; throws when the probe fails. */
  runProbe(probe: ProbeTolerance): Promise<unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export async function withinTolerance(
  tolerance: Tolerance,
  value: unknown,
  context: ToleranceContext,
): Promise<boolean> {
  if (typeof tolerance === 'boolean' || typeof tolerance === 'string') return value === tolerance;
  if (typeof tolerance === 'number') {
    return isRecord(value) && 'status' in value ? value.status === tolerance : value === tolerance;
  }
  if (Array.isArray(tolerance)) return withinList(tolerance, value);
  const { configuration, secrets } = context;
  switch (tolerance.type) {
    case 'regex': {
      const pattern = String(substitute(tolerance.pattern, configuration, secrets));
      const target = pick(value, tolerance.target);
      return typeof target === 'string' && pythonRegex(pattern).test(target);
    }
    case 'jsonpath': {
      const path = String(substitute(tolerance.path, configuration, secrets));
      let target = pick(value, tolerance.target);
      if (typeof target === 'string') target = parseJsonOrKeep(target);
      const found = parseJsonPath(path).match(target);
      let result = found.length > 0;
      if (tolerance.count !== undefined) result = found.length === tolerance.count;
      if ('expect' in tolerance) {
        const expect = substitute(tolerance.expect, configuration, secrets);
        result = deepEqual(found, Array.isArray(expect) ? expect : [expect]);
      }
      return result;
    }
    case 'range': {
      const n = toNumber(pick(value, tolerance.target));
      return n !== undefined && tolerance.range[0] <= n && n <= tolerance.range[1];
    }
    case 'probe': {
      const probe = structuredClone(tolerance);
      const provider = probe.provider as Record<string, unknown>;
      provider.arguments = { ...(provider.arguments as Record<string, unknown>), value };
      try {
        return isTruthy(await context.runProbe(probe));
      } catch {
        return false;
      }
    }
  }
}

function withinList(tolerance: unknown[], value: unknown): boolean {
  if (isRecord(value) && 'status' in value) {
    return tolerance.some((t) => deepEqual(t, value.status));
  }
  if (tolerance.length === 2) {
    const [low, high] = tolerance;
    const bothNumbers = [low, high, value].every((v) => typeof v === 'number');
    const bothStrings = [low, high, value].every((v) => typeof v === 'string');
    if (!bothNumbers && !bothStrings) return false;
    const [l, h, v] = [low, high, value] as Array<number | string>;
    return l! <= v! && v! <= h!;
  }
  return tolerance.some((t) => deepEqual(t, value));
}

/** `value.get(target, value)`: the target key if the value is a mapping that has it. */
function pick(value: unknown, target: string | undefined): unknown {
  if (target === undefined || !isRecord(value)) return value;
  return Object.hasOwn(value, target) ? value[target] : value;
}

function parseJsonOrKeep(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Like Python's `Decimal(value)`: numbers and numeric strings. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/** Python's truthiness: None, False, 0, "" and empty collections are false. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') {
    return false;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/**
 * A Python `re` pattern as a JavaScript RegExp, for `re.search`. Rewritten where the two differ on
 * common patterns: `$` also matches before a final newline in Python (so `Running$` matches a
 * process's stdout), `\A` and `\Z` are the string's ends, and named groups are `(?P<n>...)` and
 * `(?P=n)`.
 */
export function pythonRegex(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'Z') out += '$';
      else out += c + next;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === ']') out += pattern[++i];
    } else if (c === '$') {
      out += '(?=\\n?$)';
    } else if (pattern.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (pattern.startsWith('(?P=', i)) {
      const end = pattern.indexOf(')', i);
      out += `\\k<${pattern.slice(i + 4, end)}>`;
      i = end;
    } else {
      out += c;
    }
  }
  return new RegExp(out);
}
