// The machines' format: every kind parses, and the documented shapes hold.
import type { Permission } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { planResult, scanFindings } from '../__fixtures__/reports.js';
import { renderReport } from '../registry.js';
import type { Report } from '../report.js';

const json = (report: Report) => JSON.parse(renderReport('json', report)) as unknown;

describe('json', () => {
  it('a run is the engine result itself, two-space indented with one trailing newline', () => {
    const result = planResult();
    const text = renderReport('json', { kind: 'plan', data: result, notes: ['for people only'] });
    expect(text).toBe(`${JSON.stringify(result, null, 2)}\n`);
    expect(text).not.toContain('for people only');
  });

  it('findings have the documented shape: findings and summary, namespace always present', () => {
    const out = json({ kind: 'findings', data: scanFindings() }) as {
      findings: Array<Record<string, unknown>>;
      summary: { findings: number; waived: number };
    };
    expect(Object.keys(out)).toEqual(['findings', 'summary']);
    expect(out.findings[0]).toEqual({
      ruleId: 'K8S-AVAIL-001',
      severity: 'high',
      title: 'No PodDisruptionBudget',
      resource: { ref: 'k8s:test/shop/Pod/web-1', kind: 'Pod', name: 'web-1', namespace: 'shop' },
      message: 'web-1 has no PodDisruptionBudget',
    });
    expect(out.findings[1]).toMatchObject({ waiver: { by: 'config', ticket: 'OPS-42' } });
    expect(out.summary).toMatchObject({ findings: 1, waived: 1 });
  });

  it('permissions without the documents, which are for people', () => {
    const rbac: Permission = { kind: 'rbac', group: '', resource: 'pods', verbs: ['list'] };
    expect(
      json({
        kind: 'permissions',
        data: { kubernetes: { permissions: [rbac], clusterRole: 'kind: ClusterRole' } },
      }),
    ).toEqual({ kubernetes: [rbac], aws: [] });
  });

  it('an experiment run is its journal, as Chaos Toolkit writes it', () => {
    const journal = { status: 'completed', deviated: false, experiment: { title: 't' } };
    expect(
      json({ kind: 'experiment-run', data: { title: 't', journal, journalPath: 'j.json' } }),
    ).toEqual(journal);
  });

  it('renders every kind', () => {
    expect(json({ kind: 'runs', data: [] })).toEqual([]);
    expect(json({ kind: 'config-schema', data: { type: 'object' } })).toEqual({ type: 'object' });
    expect(json({ kind: 'sandbox-down', data: { stopped: ['etcd'], alreadyGone: [] } })).toEqual({
      stopped: ['etcd'],
      alreadyGone: [],
    });
  });
});
