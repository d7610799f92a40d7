import type { Finding, RecoveryRecord } from '@simian/core';

/** Recovery of one group (workload, Auto Scaling group) after the chaos monkey's kills. */
export interface RecoveryTrend {
  group: string;
  /** Kills in the last 30 days, and how many of them it recovered from. */
  kills: number;
  recovered: number;
  /** Median and 95th percentile of recovery seconds over the last 30 days (null without kills). */
  median: number | null;
  p95: number | null;
  /** Median over the 30 days before (null without kills then). */
  lastMonthMedian: number | null;
  /** The latest kill. */
  last: { at: string; seconds: number; recovered: boolean };
  /** Slower than last month by more than the threshold: a finding too. */
  slower: boolean;
}

/** When a group counts as slower: its median went up by both this ratio and these seconds. */
export interface SlowerThreshold {
  /** @default 1.2 */
  ratio?: number;
  /** @default 1 */
  seconds?: number;
}

/** The rule of the finding for a group that recovers slower than it did last month. */
export const RECOVERY_SLOWER_RULE = 'CHAOS-RECOVERY-SLOWER';

const DAY = 86_400_000;

/**
 * Per group: recovery over the last 30 days against the 30 before, from the store's recovery
 * records; a kill that never recovered counts as its timeout. A group whose median rose by more
 * than the threshold is "slower than last month", which docs/chaos.md promises as a finding.
 */
export function recoveryTrends(
  records: readonly RecoveryRecord[],
  now: Date,
  threshold: SlowerThreshold = {},
): { groups: RecoveryTrend[]; findings: Finding[] } {
  const ratio = threshold.ratio ?? 1.2;
  const minSeconds = threshold.seconds ?? 1;
  const byGroup = new Map<string, RecoveryRecord[]>();
  for (const r of records) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  const groups: RecoveryTrend[] = [];
  const findings: Finding[] = [];
  for (const [group, list] of byGroup) {
    const seconds = (r: RecoveryRecord) => (r.recovered ? r.recoverySeconds : r.timeoutSeconds);
    const age = (r: RecoveryRecord) => now.getTime() - Date.parse(r.killedAt);
    const thisMonth = list.filter((r) => age(r) <= 30 * DAY);
    const lastMonth = list.filter((r) => age(r) > 30 * DAY && age(r) <= 60 * DAY);
    if (thisMonth.length === 0 && lastMonth.length === 0) continue;
    const latest = [...list].sort((a, b) => (a.killedAt < b.killedAt ? 1 : -1))[0]!;
    const median = percentile(thisMonth.map(seconds), 50);
    const lastMonthMedian = percentile(lastMonth.map(seconds), 50);
    const slower =
      median !== null &&
      lastMonthMedian !== null &&
      median > lastMonthMedian * ratio &&
      median - lastMonthMedian >= minSeconds;
    groups.push({
      group,
      kills: thisMonth.length,
      recovered: thisMonth.filter((r) => r.recovered).length,
      median,
      p95: percentile(thisMonth.map(seconds), 95),
      lastMonthMedian,
      last: { at: latest.killedAt, seconds: seconds(latest), recovered: latest.recovered },
      slower,
    });
    if (slower)
      findings.push(
        slowerFinding(group, latest, thisMonth.length, median, lastMonth.length, lastMonthMedian),
      );
  }
  groups.sort((a, b) => Number(b.slower) - Number(a.slower) || a.group.localeCompare(b.group));
  return { groups, findings };
}

/** The `p`th percentile (nearest rank) of `values`; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function slowerFinding(
  group: string,
  latest: RecoveryRecord,
  kills: number,
  median: number,
  lastKills: number,
  lastMedian: number,
): Finding {
  const resource = groupResource(group, latest);
  return {
    ruleId: RECOVERY_SLOWER_RULE,
    severity: 'medium',
    monkey: latest.monkey,
    resource,
    title: 'Recovery slower than last month',
    message: `${group} recovers slower than last month: median ${median.toFixed(1)} s over ${kills} kill(s) in the last 30 days, against ${lastMedian.toFixed(1)} s over ${lastKills} the 30 days before`,
    remediation:
      'Look at what changed in the workload since last month: image size and pull time, readiness probe delays, resource requests, node capacity.',
    evidence: {
      group,
      medianSeconds: median,
      kills,
      lastMonthMedianSeconds: lastMedian,
      lastMonthKills: lastKills,
    },
    group,
  };
}

/** A group key (`context/namespace/Kind/name`, or an Auto Scaling group's name) as a resource. */
function groupResource(group: string, latest: RecoveryRecord): Finding['resource'] {
  const parts = group.split('/');
  if (parts.length === 4 && latest.ref.startsWith('k8s:')) {
    const [context, namespace, kind, name] = parts as [string, string, string, string];
    return {
      ref: `k8s:${context}/${namespace}/${kind}/${name}`,
      kind,
      name,
      provider: 'kubernetes',
      context,
      ...(namespace === '_' ? {} : { namespace }),
    };
  }
  return {
    ref: group,
    kind: 'AutoScalingGroup',
    name: group,
    provider: latest.ref.startsWith('arn:aws') ? 'aws' : 'unknown',
  };
}
