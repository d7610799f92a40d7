import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type Resource } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { compileExpression, pythonTruthy } from './jmespath.js';
import {
  kubeJanitorRuleMatches,
  loadKubeJanitorRules,
  type KubeJanitorRule,
} from './rules-file.js';

// kube-janitor's README rules file, its tests/test_rules.py cases, and the JMESPath semantics of
// the Python jmespath 0.10 it pins.
const fixtures = fileURLToPath(new URL('../__fixtures__/', import.meta.url));
const readme = loadKubeJanitorRules('kube-janitor-rules.yaml', fixtures);
const rule = (id: string) => readme.find((r) => r.id === id)!;

function object(kind: string, raw: Record<string, unknown>): Resource {
  const meta = (raw['metadata'] ?? {}) as { name?: string; namespace?: string };
  return {
    ref: `k8s:test/${meta.namespace ?? '_'}/${kind}/${meta.name ?? ''}`,
    provider: 'kubernetes',
    kind,
    name: meta.name ?? '',
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
    labels: {},
    raw,
  };
}
const deployment = (metadata: Record<string, unknown>, labels: Record<string, string> = {}) =>
  object('Deployment', { metadata, spec: { template: { metadata: { labels } } } });
const matches = (r: KubeJanitorRule, o: Resource, context = {}) =>
  kubeJanitorRuleMatches(r, o, context);

function rulesFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kube-janitor-'));
  writeFileSync(join(dir, 'rules.yaml'), text);
  return dir;
}

describe("kube-janitor's README rules file", () => {
  it('loads with every rule, TTL and resource list', () => {
    expect(readme.map((r) => [r.id, r.resources, r.ttl, r.ttlSeconds])).toEqual([
      ['require-application-label', ['deployments', 'statefulsets'], '4d', 345_600],
      ['temporary-pr-deployments', ['deployments'], '4h', 14_400],
      ['temp-namespace-cleanup', ['*'], '3d', 259_200],
      ['require-foo-label-april-2019', ['deployments', 'statefulsets'], '7d', 604_800],
      ['remove-unused-pvcs', ['persistentvolumeclaims'], '4d', 345_600],
    ]);
  });

  it('matches deployments without the application label, and not those with it', () => {
    const r = rule('require-application-label');
    expect(matches(r, deployment({ name: 'web', namespace: 'shop' }))).toBe(true);
    expect(matches(r, deployment({ name: 'web', namespace: 'shop' }, { application: 'web' }))).toBe(
      false,
    );
    expect(matches(r, object('Service', { metadata: { name: 'web', namespace: 'shop' } }))).toBe(
      false,
    );
  });

  it('matches names starting with pr-, and anything in the temp namespace', () => {
    expect(
      matches(rule('temporary-pr-deployments'), deployment({ name: 'pr-12', namespace: 'a' })),
    ).toBe(true);
    expect(
      matches(rule('temporary-pr-deployments'), deployment({ name: 'prod', namespace: 'a' })),
    ).toBe(false);
    const cm = object('ConfigMap', { metadata: { name: 'x', namespace: 'temp' } });
    expect(matches(rule('temp-namespace-cleanup'), cm)).toBe(true);
    expect(
      matches(
        rule('temp-namespace-cleanup'),
        object('ConfigMap', { metadata: { name: 'x', namespace: 'prod' } }),
      ),
    ).toBe(false);
  });

  it('orders timestamps as strings, as Python jmespath does', () => {
    const r = rule('require-foo-label-april-2019');
    expect(
      matches(
        r,
        deployment({ name: 'a', namespace: 'n', creationTimestamp: '2019-05-01T10:00:00Z' }),
      ),
    ).toBe(true);
    expect(
      matches(
        r,
        deployment({ name: 'a', namespace: 'n', creationTimestamp: '2019-03-01T10:00:00Z' }),
      ),
    ).toBe(false);
    expect(
      matches(
        r,
        deployment(
          { name: 'a', namespace: 'n', creationTimestamp: '2019-05-01T10:00:00Z' },
          { foo: 'x' },
        ),
      ),
    ).toBe(false);
  });

  it('reads the PVC context', () => {
    const r = rule('remove-unused-pvcs');
    const pvc = object('PersistentVolumeClaim', { metadata: { name: 'data', namespace: 'n' } });
    expect(matches(r, pvc, { pvc_is_not_mounted: true, pvc_is_not_referenced: true })).toBe(true);
    expect(matches(r, pvc, { pvc_is_not_mounted: true, pvc_is_not_referenced: false })).toBe(false);
  });
});

describe("kube-janitor's test_rules.py", () => {
  it('a label rule: absent and empty labels do not match, a value does; other types never', () => {
    const dir = rulesFile(
      'rules:\n  - id: test\n    resources: [deployments]\n    jmespath: metadata.labels.app\n    ttl: 30m\n',
    );
    const [r] = loadKubeJanitorRules('rules.yaml', dir);
    expect(
      matches(r!, object('Deployment', { metadata: { namespace: 'ns-1', name: 'deploy-1' } })),
    ).toBe(false);
    expect(
      matches(
        r!,
        object('Deployment', {
          metadata: { namespace: 'ns-1', name: 'deploy-1', labels: { app: '' } },
        }),
      ),
    ).toBe(false);
    expect(
      matches(
        r!,
        object('Deployment', {
          metadata: { namespace: 'ns-1', name: 'deploy-1', labels: { app: 'foobar' } },
        }),
      ),
    ).toBe(true);
    expect(
      matches(
        r!,
        object('StatefulSet', {
          metadata: { namespace: 'ns-1', name: 'ss-1', labels: { app: 'x' } },
        }),
      ),
    ).toBe(false);
  });

  it('refuses what kube-janitor refuses, naming the file and the rule', () => {
    const cases: Array<[string, string]> = [
      ['wrongformat', 'must have a top-level mapping with the key "rules"'],
      ['rules:\n  - foo\n  - bar\n', 'rule #0: rule must be a mapping'],
      [
        'rules:\n  - resources: [foos, bars]\n    jmespath: a.b.c\n    ttl: 5m\n',
        'rule is missing required keys: id',
      ],
      ['rules:\n  - { id: X, resources: [], jmespath: a.b, ttl: 1s }\n', 'invalid rule ID "X"'],
      [
        'rules:\n  - { id: x, resources: [], jmespath: a.b, ttl: 1y }\n',
        'TTL value "1y" does not match format',
      ],
      ['rules:\n  - { id: x, resources: [], jmespath: "a.[", ttl: 1s }\n', 'jmespath "a.["'],
    ];
    for (const [text, message] of cases) {
      const dir = rulesFile(text);
      expect(() => loadKubeJanitorRules('rules.yaml', dir)).toThrow(ConfigError);
      expect(() => loadKubeJanitorRules('rules.yaml', dir)).toThrow(message);
    }
    expect(loadKubeJanitorRules('rules.yaml', rulesFile('rules: []'))).toEqual([]);
    expect(
      loadKubeJanitorRules(
        'rules.yaml',
        rulesFile(
          'rules:\n  - { id: rule-1, resources: [foos, bars], jmespath: a.b.c, ttl: 5m }\n',
        ),
      ),
    ).toHaveLength(1);
  });
});

describe('JMESPath as kube-janitor evaluates it', () => {
  it("takes Python's truth of the result", () => {
    for (const v of [null, false, 0, '', [], {}])
      expect(pythonTruthy(v), JSON.stringify(v)).toBe(false);
    for (const v of [true, 1, 'x', [0], { a: null }])
      expect(pythonTruthy(v), JSON.stringify(v)).toBe(true);
  });

  it('orders numbers, and answers null when the types differ', () => {
    expect(compileExpression('a > `1`').search({ a: 2 })).toBe(true);
    expect(compileExpression('a >= `2`').search({ a: 2 })).toBe(true);
    expect(compileExpression("a < 'b'").search({ a: 'a' })).toBe(true);
    expect(compileExpression('a > `1`').search({ a: 'x' })).toBeNull();
  });
});
