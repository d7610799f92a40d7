import { describe, expect, it } from 'vitest';
import type { Finding } from '@simian/core';
import { prepareFindings } from '../model/prepare.js';
import type { RuleInfo } from '../model/finding.js';
import { scoreFrameworks } from './score.js';

const rules: RuleInfo[] = [
  {
    id: 'PRIV',
    title: 'Privileged',
    severity: 'critical',
    frameworks: ['pss:baseline:privileged', 'cis-kubernetes-1.12:5.2.2', 'kubescape:C-0057'],
    monkey: 'security',
  },
  {
    id: 'HOSTNS',
    title: 'Host namespaces',
    severity: 'high',
    frameworks: ['pss:baseline:host-namespaces', 'cis-kubernetes-1.12:5.2.3'],
    monkey: 'security',
  },
  {
    id: 'HOSTPID',
    title: 'Host PID',
    severity: 'high',
    frameworks: ['pss:baseline:host-namespaces', 'cis-kubernetes-1.12:5.2.4'],
    monkey: 'security',
  },
  {
    id: 'ROOT',
    title: 'Root',
    severity: 'medium',
    frameworks: ['pss:restricted:non-root'],
    monkey: 'security',
  },
  { id: 'PDB', title: 'No PDB', severity: 'high', frameworks: [], monkey: 'conformity' },
];
const at = (name: string) => ({
  ref: `k8s:c/ns/Deployment/${name}`,
  kind: 'Deployment',
  name,
  namespace: 'ns',
  provider: 'kubernetes',
});
const finding = (ruleId: string, name: string, waived = false): Finding => ({
  ruleId,
  severity: 'high',
  monkey: 'security',
  resource: at(name),
  message: `${ruleId} on ${name}`,
  ...(waived ? { waiver: { by: 'config' as const, owner: 'sec' } } : {}),
});

describe('scoreFrameworks', () => {
  const { findings } = prepareFindings([
    finding('PRIV', 'a'),
    finding('PRIV', 'b'),
    finding('HOSTPID', 'c', true),
    finding('PDB', 'a'),
  ]);

  it('a control fails with an open finding, is waived with only waived ones, passes without', () => {
    const [cis, pss, simian] = scoreFrameworks(findings, rules);
    expect(cis!.title).toBe('CIS Kubernetes Benchmark 1.12');
    expect(cis!.controls.map((c) => [c.id, c.status])).toEqual([
      ['5.2.2', 'fail'],
      ['5.2.3', 'pass'],
      ['5.2.4', 'waived'],
    ]);
    expect(cis!.controls[0]!.failing.map((r) => r.name)).toEqual(['a', 'b']);
    expect(cis!.controls[2]!.waived.map((r) => r.name)).toEqual(['c']);
    // Waived controls are left out of the score: 1 passing of 2 scored.
    expect(cis!.score).toBe(50);
    // host-namespaces has two checks: HOSTNS passes, HOSTPID is waived, so the control is waived.
    expect(pss!.controls.map((c) => [c.id, c.status, c.counts])).toEqual([
      ['baseline:host-namespaces', 'waived', { pass: 1, fail: 0, waived: 1 }],
      ['baseline:privileged', 'fail', { pass: 0, fail: 1, waived: 0 }],
      ['restricted:non-root', 'pass', { pass: 1, fail: 0, waived: 0 }],
    ]);
    expect(pss!.score).toBe(50);
    // Every conformity rule is a control of Simian's own architecture rules.
    expect(simian).toMatchObject({ id: 'simian', title: 'Simian architecture rules', score: 0 });
  });

  it('other tools’ ids are references, never scored frameworks', () => {
    expect(scoreFrameworks(findings, rules).map((f) => f.id)).not.toContain('kubescape');
  });

  it('--framework keeps only the frameworks it names, with or without a version', () => {
    expect(scoreFrameworks(findings, rules, 'cis-kubernetes').map((f) => f.id)).toEqual([
      'cis-kubernetes-1.12',
    ]);
    expect(scoreFrameworks(findings, rules, 'pss').map((f) => f.id)).toEqual(['pss']);
  });

  it('has no score when nothing can be scored', () => {
    const [only] = scoreFrameworks(
      prepareFindings([finding('HOSTPID', 'x', true)]).findings,
      [rules[2]!],
      'pss',
    );
    expect(only!.score).toBeNull();
  });
});
