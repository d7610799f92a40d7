import type { Action, FaultRecord, RunResult } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { complianceFixture } from '../__fixtures__/compliance.js';
import { SimianMetrics } from './simian-metrics.js';

const evict: Action = {
  id: 'a1',
  monkey: 'chaos',
  verb: 'evict',
  resource: {
    ref: 'k8s:c/shop/Pod/web-1',
    provider: 'kubernetes',
    kind: 'Pod',
    name: 'web-1',
    namespace: 'shop',
    labels: {},
  },
  reason: 'chosen',
  reversible: false,
};
const at = '2026-11-02T10:00:00.000Z';
const run: RunResult = {
  runId: 'r1',
  status: 'completed',
  dryRun: false,
  startedAt: at,
  endedAt: '2026-11-02T10:01:40.000Z',
  monkeys: [
    {
      monkey: 'chaos',
      gated: {
        monkey: 'chaos',
        dryRun: false,
        findings: [],
        allowed: [evict],
        dropped: [{ action: { ...evict, id: 'a2' }, rule: 'blast-radius', reason: 'too many' }],
      },
      outcomes: [
        {
          action: evict,
          status: 'succeeded',
          startedAt: at,
          endedAt: at,
          output: { recovered: true, recoverySeconds: 3.5 },
        },
        {
          action: { ...evict, id: 'a3' },
          status: 'succeeded',
          startedAt: at,
          endedAt: at,
          output: { recovered: false, recoverySeconds: 120, recoveryTimeoutSeconds: 120 },
        },
      ],
    },
  ],
  incomplete: [],
};
const fault = (expiresAtMs: number): FaultRecord =>
  ({
    ref: 'k8s:c/shop/NetworkPolicy/x',
    provider: 'kubernetes',
    kind: 'NetworkPolicy',
    name: 'x',
    scope: 'c',
    expiresAtMs,
  }) as FaultRecord;

/** `name{labels} value` lines of the exposition text. */
const sample = (text: string, name: string) =>
  text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

describe('SimianMetrics', () => {
  it('counts runs and actions by monkey, verb and verdict, and times recoveries', async () => {
    const m = new SimianMetrics();
    m.plan(run.monkeys[0]!.gated);
    for (const o of run.monkeys[0]!.outcomes) m.action(o);
    m.run(run);
    const text = await m.text();
    expect(sample(text, 'simian_runs_total')).toEqual([
      'simian_runs_total{monkey="chaos",verdict="completed"} 1',
    ]);
    expect(sample(text, 'simian_actions_total').sort()).toEqual([
      'simian_actions_total{monkey="chaos",verb="evict",verdict="held-back"} 1',
      'simian_actions_total{monkey="chaos",verb="evict",verdict="succeeded"} 2',
    ]);
    expect(sample(text, 'simian_recovery_seconds_count').sort()).toEqual([
      'simian_recovery_seconds_count{monkey="chaos",recovered="false"} 1',
      'simian_recovery_seconds_count{monkey="chaos",recovered="true"} 1',
    ]);
    expect(text).toContain(
      'simian_recovery_seconds_bucket{le="5",monkey="chaos",recovered="true"} 1',
    );
    expect(sample(text, 'simian_last_run_timestamp_seconds')).toEqual([
      `simian_last_run_timestamp_seconds{monkey="chaos"} ${Date.parse(run.endedAt) / 1000}`,
    ]);
  });

  it('sets findings by rule family, severity and framework, and scores, from the current report', async () => {
    const m = new SimianMetrics();
    m.state(complianceFixture());
    const text = await m.text();
    expect(sample(text, 'simian_findings').sort()).toEqual([
      'simian_findings{rule_family="AWS-S3",severity="high",framework="cis-aws-foundations-3.0"} 1',
      'simian_findings{rule_family="K8S-IMG",severity="medium",framework="none"} 1',
      'simian_findings{rule_family="K8S-RBAC",severity="high",framework="cis-kubernetes-1.12"} 1',
      'simian_findings{rule_family="K8S-SEC",severity="critical",framework="cis-kubernetes-1.12"} 1',
      'simian_findings{rule_family="K8S-SEC",severity="critical",framework="pss"} 1',
    ]);
    expect(sample(text, 'simian_compliance_score_ratio')).toContain(
      'simian_compliance_score_ratio{framework="cis-kubernetes-1.12"} 0',
    );
  });

  it('counts active faults and those past their expiry at each scrape', async () => {
    const now = Date.now();
    const m = new SimianMetrics({
      faults: () => Promise.resolve([fault(now - 60_000), fault(now + 60_000)]),
    });
    const text = await m.text();
    expect(sample(text, 'simian_faults_active')).toEqual(['simian_faults_active 2']);
    expect(sample(text, 'simian_faults_residual')).toEqual(['simian_faults_residual 1']);
  });
});
