import { findingId, type Finding } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { prepareFindings, sortFindings } from './prepare.js';

const resource = {
  ref: 'k8s:prod/shop/Deployment/web',
  kind: 'Deployment',
  name: 'web',
  namespace: 'shop',
  provider: 'kubernetes',
  context: 'prod',
  owner: 'team-shop',
};
const open: Finding = {
  ruleId: 'K8S-IMG-001',
  severity: 'medium',
  monkey: 'conformity',
  resource,
  message: 'latest tag',
};
const critical: Finding = {
  ...open,
  ruleId: 'K8S-SEC-001',
  severity: 'critical',
  message: 'privileged',
};
const waived: Finding = {
  ...open,
  ruleId: 'K8S-RES-001',
  severity: 'high',
  waiver: { by: 'annotation', reason: 'batch job' },
};

describe('prepareFindings', () => {
  it('gives each finding its id, its rule details from the catalogue, and its status', () => {
    const { findings, muted } = prepareFindings([open, waived], {
      rules: new Map([
        [
          'K8S-IMG-001',
          {
            id: 'K8S-IMG-001',
            title: 'Mutable tag',
            severity: 'medium' as const,
            remediation: 'Pin it.',
            frameworks: ['polaris:tagNotSpecified'],
          },
        ],
      ]),
      now: new Date('2026-11-01T00:00:00Z'),
    });
    expect(muted).toBe(0);
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([
      ['K8S-IMG-001', 'open'],
      ['K8S-RES-001', 'waived'],
    ]);
    expect(findings[0]).toMatchObject({
      id: findingId(open),
      title: 'Mutable tag',
      remediation: 'Pin it.',
      frameworks: ['polaris:tagNotSpecified'],
      firstSeen: '2026-11-01T00:00:00.000Z',
      resource: { owner: 'team-shop', namespace: 'shop' },
    });
    expect(findings[1]!.waiver).toEqual({ by: 'annotation', reason: 'batch job' });
  });

  it('orders open before waived, worst first', () => {
    const { findings } = prepareFindings([waived, open, critical]);
    expect(findings.map((f) => f.ruleId)).toEqual(['K8S-SEC-001', 'K8S-IMG-001', 'K8S-RES-001']);
  });

  it('hides muted findings by rule pattern and ref pattern, until the mute ends', () => {
    const mutes = [
      { rule: 'K8S-IMG-*', reason: 'noise' },
      { rule: 'K8S-SEC-001', ref: 'k8s:prod/other/*', reason: 'not here' },
      { rule: 'K8S-RES-001', reason: 'ended', until: '2026-10-31' },
    ];
    const { findings, muted } = prepareFindings([open, critical, waived], {
      mutes,
      now: new Date('2026-11-01T00:00:00Z'),
    });
    expect(muted).toBe(1);
    expect(findings.map((f) => f.ruleId)).toEqual(['K8S-SEC-001', 'K8S-RES-001']);
    // A date-only `until` lasts through that day.
    expect(prepareFindings([waived], { mutes, now: new Date('2026-10-31T23:00:00Z') }).muted).toBe(
      1,
    );
  });

  it('carries history and changes by id', () => {
    const id = findingId(open);
    const { findings } = prepareFindings([open], {
      seen: new Map([
        [id, { first: '2026-01-01T00:00:00.000Z', last: '2026-02-01T00:00:00.000Z' }],
      ]),
      changes: new Map([[id, 'regressed' as const]]),
    });
    expect(findings[0]).toMatchObject({
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-02-01T00:00:00.000Z',
      change: 'regressed',
    });
  });

  it('sorts as status, severity, then localeCompare of rule and ref would (accents, case, digits)', () => {
    const refs = ['k8s:b', 'k8s:B', 'k8s:á', 'k8s:a', 'k8s:Z', 'k8s:10', 'k8s:9', 'k8s:é', 'k8s:e'];
    const source: Finding[] = [];
    for (const [i, ref] of refs.entries()) {
      for (const ruleId of ['K8S-IMG-001', 'k8s-img-001', 'K8S-ÉTÉ-1']) {
        source.push({
          ...open,
          ruleId,
          severity: (['low', 'high', 'medium'] as const)[i % 3]!,
          resource: { ...resource, ref },
          ...(i % 4 === 0 ? { waiver: { by: 'config' as const } } : {}),
        });
      }
    }
    const { findings } = prepareFindings(source);
    const order = { open: 0, waived: 1, resolved: 2 };
    const rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
    const expected = [...findings].sort(
      (a, b) =>
        order[a.status] - order[b.status] ||
        rank[b.severity] - rank[a.severity] ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.resource.ref.localeCompare(b.resource.ref),
    );
    expect(sortFindings([...findings].reverse()).map((f) => f.id)).toEqual(
      expected.map((f) => f.id),
    );
  });
});
