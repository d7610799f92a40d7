// Small reports the reporter tests render: a plan with a finding, an allowed and a dropped action;
// findings as a monkey makes them (no file) and as a scan makes them (file, line, waiver).
import type { Action, Finding, RunResult } from '@simian/core';
import { findingsReport, type FindingsReport, type ReportFinding } from '../data/findings.js';

const web = {
  ref: 'k8s:test/shop/Pod/web-1',
  provider: 'kubernetes',
  kind: 'Pod',
  name: 'web-1',
  namespace: 'shop',
  context: 'test',
} as const;

const kill: Action = {
  id: 'evict-web-1',
  monkey: 'chaos',
  verb: 'evict',
  resource: { ...web, labels: {} },
  reason: 'random pick from shop/web',
  reversible: false,
  group: 'shop/web',
};

/** A plan of one monkey: one finding, one action let through, one held back. */
export function planResult(): RunResult {
  return {
    runId: '20261123100000-aaaa1111',
    status: 'completed',
    dryRun: true,
    startedAt: '2026-11-23T10:00:00.000Z',
    endedAt: '2026-11-23T10:00:01.000Z',
    monkeys: [
      {
        monkey: 'chaos',
        gated: {
          monkey: 'chaos',
          dryRun: true,
          findings: [monkeyFinding],
          allowed: [kill],
          dropped: [
            {
              action: {
                ...kill,
                id: 'evict-web-2',
                resource: { ...kill.resource, ref: 'k8s:test/shop/Pod/web-2', name: 'web-2' },
              },
              rule: 'blast-radius',
              reason: 'shop/web would keep 1 of 3 healthy, below minHealthy 2',
            },
          ],
        },
        outcomes: [],
      },
    ],
    incomplete: [],
  };
}

/** A finding as any monkey makes it: core's shape, no file. */
export const monkeyFinding: Finding = {
  ruleId: 'K8S-AVAIL-001',
  severity: 'high',
  monkey: 'conformity',
  resource: web,
  message: 'web-1 has no PodDisruptionBudget',
};

/** Findings as `simian scan` makes them: a file and line, a rule list, a waived one. */
export function scanFindings(): FindingsReport {
  const located: ReportFinding = {
    ...monkeyFinding,
    title: 'No PodDisruptionBudget',
    location: { file: 'deploy/web.yaml', line: 3 },
  };
  const waived: ReportFinding = {
    ruleId: 'K8S-IMG-001',
    severity: 'medium',
    monkey: 'scan',
    resource: web,
    message: 'image tag is latest',
    location: { file: '/abs/deploy/web.yaml', line: 3 },
    waiver: { by: 'config', owner: 'team-shop', reason: 'vendor image', ticket: 'OPS-42' },
  };
  return findingsReport([located, waived], {
    rules: [
      {
        id: 'K8S-AVAIL-001',
        title: 'No PodDisruptionBudget',
        severity: 'high',
        remediation: 'Add a PodDisruptionBudget.',
        frameworks: ['polaris:pdb'],
      },
      { id: 'K8S-IMG-001', title: 'Mutable image tag', severity: 'medium' },
    ],
    resources: [
      { ref: web.ref, kind: 'Pod', name: 'web-1', namespace: 'shop' },
      { ref: 'k8s:test/shop/Pod/db-1', kind: 'Pod', name: 'db-1', namespace: 'shop' },
    ],
  });
}
