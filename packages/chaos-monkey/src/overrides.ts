import { parseDuration } from '@simian/core';
import { parseKillMode, type KillMode } from './kill-mode.js';

/** Labels (Kubernetes) or tags (AWS) with which a workload or group overrides the config. */
export const OVERRIDE_LABELS = {
  /** Mean time between kills of this workload, e.g. `2d`. */
  mtbf: 'chaos.simian.dev/mtbf',
  /** `one`, `fixed:N`, `percent:P`, `random-max-percent:P` (or `fixed-N` ... in a label value). */
  killMode: 'chaos.simian.dev/kill-mode',
  /** `evict`, `delete`, `container-kill` for pods; `terminate`, `stop`, `reboot` for instances. */
  killMethod: 'chaos.simian.dev/kill-method',
} as const;

/** What one workload or group says about itself. */
export interface GroupOverrides<M extends string> {
  mtbfMs?: number;
  killMode?: KillMode;
  killMethod?: M;
}

/**
 * Reads the override labels from `sources`, first source first (annotations before labels, so
 * `fixed:3`, which a label value cannot hold, can be written as an annotation). A value that does
 * not parse is a problem, never silently ignored: the caller leaves the group alone.
 */
export function readOverrides<M extends string>(
  sources: Array<Record<string, string> | undefined>,
  methods: readonly M[],
): { overrides: GroupOverrides<M>; problems: string[] } {
  const pick = (key: string) => sources.map((s) => s?.[key]).find((v) => v !== undefined);
  const overrides: GroupOverrides<M> = {};
  const problems: string[] = [];

  const mtbf = pick(OVERRIDE_LABELS.mtbf);
  if (mtbf !== undefined) {
    const ms = parseDuration(mtbf);
    if (ms === undefined || ms <= 0) {
      problems.push(
        `${OVERRIDE_LABELS.mtbf}="${mtbf}" must be a duration such as "4h", "2d" or "1w"`,
      );
    } else overrides.mtbfMs = ms;
  }

  const mode = pick(OVERRIDE_LABELS.killMode);
  if (mode !== undefined) {
    const parsed = parseKillMode(mode);
    if ('problem' in parsed) problems.push(`${OVERRIDE_LABELS.killMode}: ${parsed.problem}`);
    else overrides.killMode = parsed;
  }

  const method = pick(OVERRIDE_LABELS.killMethod);
  if (method !== undefined) {
    if ((methods as readonly string[]).includes(method)) overrides.killMethod = method as M;
    else {
      problems.push(
        `${OVERRIDE_LABELS.killMethod}="${method}" must be one of ${methods.join(', ')}`,
      );
    }
  }
  return { overrides, problems };
}
