import type { RecoveryRecord } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { percentile, RECOVERY_SLOWER_RULE, recoveryTrends } from './recoveries.js';

const now = new Date('2026-12-01T00:00:00Z');
const kill = (
  group: string,
  daysAgo: number,
  seconds: number,
  recovered = true,
): RecoveryRecord => ({
  runId: `r${daysAgo}`,
  monkey: 'chaos',
  actionId: `a${daysAgo}`,
  group,
  ref: `k8s:${group.split('/')[0]}/${group.split('/')[1]}/Pod/p${daysAgo}`,
  verb: 'evict',
  killedAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
  recovered,
  recoverySeconds: seconds,
  timeoutSeconds: 120,
});

describe('recoveryTrends', () => {
  it('a workload slower than last month is a finding; one as fast is not', () => {
    const web = 'prod/shop/Deployment/web';
    const api = 'prod/shop/Deployment/api';
    const { groups, findings } = recoveryTrends(
      [
        kill(web, 45, 4),
        kill(web, 40, 5),
        kill(web, 10, 9),
        kill(web, 5, 11),
        kill(api, 40, 3),
        kill(api, 3, 3.2),
      ],
      now,
    );
    expect(groups.map((g) => [g.group, g.slower, g.median, g.lastMonthMedian])).toEqual([
      [web, true, 9, 4],
      [api, false, 3.2, 3],
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: RECOVERY_SLOWER_RULE,
      monkey: 'chaos',
      resource: {
        ref: 'k8s:prod/shop/Deployment/web',
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
      },
      evidence: { medianSeconds: 9, lastMonthMedianSeconds: 4 },
    });
  });

  it('a kill that never recovered counts as its timeout', () => {
    const g = 'prod/shop/Deployment/db';
    const { groups } = recoveryTrends([kill(g, 40, 2), kill(g, 2, 0, false)], now);
    expect(groups[0]).toMatchObject({ median: 120, recovered: 0, slower: true });
  });

  it('percentile by nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  });
});
