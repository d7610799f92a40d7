// The people's format, golden: small reports and exactly what people read.
import { describe, expect, it } from 'vitest';
import { planResult, scanFindings } from '../__fixtures__/reports.js';
import { renderReport } from '../registry.js';
import type { Report } from '../report.js';

const table = (report: Report) => renderReport('table', report);

describe('table', () => {
  it('a plan: findings, what would be acted on, what the gate held back, and the notes', () => {
    expect(table({ kind: 'plan', data: planResult(), notes: ['plan written to plan.json'] })).toBe(
      `
== chaos (dry-run)

findings (1)
severity  rule           resource                 message
--------  -------------  -----------------------  --------------------------------
high      K8S-AVAIL-001  k8s:test/shop/Pod/web-1  web-1 has no PodDisruptionBudget

would act on (1)
verb   resource                 group     reason
-----  -----------------------  --------  -------------------------
evict  k8s:test/shop/Pod/web-1  shop/web  random pick from shop/web

held back by the safety gate (1)
rule          verb   resource                 why
------------  -----  -----------------------  ------------------------------------------------------
blast-radius  evict  k8s:test/shop/Pod/web-2  shop/web would keep 1 of 3 healthy, below minHealthy 2

run 20261123100000-aaaa1111: completed (dry-run: nothing was changed)
plan written to plan.json
`,
    );
  });

  it('a run lists outcomes instead of the plan', () => {
    const result = planResult();
    result.monkeys[0]!.outcomes = [
      {
        action: result.monkeys[0]!.gated.allowed[0]!,
        status: 'dry-run',
        startedAt: result.startedAt,
        endedAt: result.endedAt,
        output: { recovered: true, seconds: 4 },
      },
    ];
    const text = table({ kind: 'run', data: result });
    expect(text).toContain(
      `
actions (1)
status   verb   resource                 detail
-------  -----  -----------------------  ------------------------
dry-run  evict  k8s:test/shop/Pod/web-1  recovered=true seconds=4
`,
    );
    expect(text).not.toContain('would act on');
  });

  it('findings: worst first, waived last, a summary line', () => {
    expect(table({ kind: 'findings', data: scanFindings() })).toBe(
      `SEVERITY         RULE           RESOURCE        WHERE                   MESSAGE
high             K8S-AVAIL-001  shop/Pod/web-1  deploy/web.yaml:3       web-1 has no PodDisruptionBudget
medium (waived)  K8S-IMG-001    shop/Pod/web-1  /abs/deploy/web.yaml:3  image tag is latest

1 finding (1 high), 1 waived in 2 resources, 2 rules
`,
    );
  });

  it('empty lists say so', () => {
    expect(table({ kind: 'runs', data: [] })).toBe('no runs yet\n');
    expect(table({ kind: 'ledger', data: [] })).toBe('(none)\n');
    expect(table({ kind: 'schedule', data: [] })).toBe(
      'no monkey is enabled: nothing is scheduled\n',
    );
    expect(table({ kind: 'permissions', data: {} })).toBe('');
  });

  it('doctor: per scope, what is missing and what grants it', () => {
    const text = table({
      kind: 'doctor',
      data: {
        monkeys: ['chaos'],
        healthy: false,
        providers: {
          kubernetes: [
            {
              scope: 'test',
              reachable: true,
              identity: 'system:serviceaccount:simian:simian',
              checks: [
                {
                  permission: { kind: 'rbac', group: '', resource: 'pods', verbs: ['list'] },
                  allowed: true,
                },
                {
                  permission: {
                    kind: 'rbac',
                    group: 'policy',
                    resource: 'pods',
                    subresource: 'eviction',
                    verbs: ['create'],
                  },
                  allowed: false,
                },
              ],
              missing: [
                {
                  kind: 'rbac',
                  group: 'policy',
                  resource: 'pods',
                  subresource: 'eviction',
                  verbs: ['create'],
                },
              ],
              unknown: [],
              grant: 'kind: ClusterRole\nrules: []',
            },
          ],
        },
      },
    });
    expect(text).toBe(
      `
kubernetes test: reachable as system:serviceaccount:simian:simian
  1 of 2 permissions granted, 1 missing
  missing: create pods/eviction.policy
  grant it with:
    kind: ClusterRole
    rules: []

problems found for monkeys: chaos
`,
    );
  });

  it('renders every kind but the JSON Schema', () => {
    expect(() => table({ kind: 'config-schema', data: {} })).toThrow(
      'unknown output format "table" for config-schema',
    );
  });
});
