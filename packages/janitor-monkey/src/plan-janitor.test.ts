import { lifecycleMarkValues, type Resource } from '@simian/core';
import { MemoryProvider } from '@simian/testing';
import { describe, expect, it } from 'vitest';
import { at, configWith, kube, planContext, podWith, T0 } from './__fixtures__/context.js';
import { JANITOR_MARKS } from './marks.js';
import { planJanitor } from './plan-janitor.js';

const k8s = (...resources: Resource[]) => new MemoryProvider('kubernetes', resources);
const config = configWith('gracePeriod: 7d');
const plan = (provider: MemoryProvider, now = T0, c = config) =>
  planJanitor(planContext(c, [provider], now));
const seen = (r: Resource, when: Date): Resource => ({
  ...r,
  marks: { ...r.marks, [JANITOR_MARKS.firstSeen!]: when.toISOString() },
});

describe('planJanitor: a ConfigMap and its used twin', () => {
  const unused = kube('ConfigMap', 'old-flags');
  const used = kube('ConfigMap', 'web-config');
  const pod = kube('Pod', 'web-1', podWith([{ name: 'c', configMap: { name: 'web-config' } }]));

  it('records when it first sees the unused one, and keeps the used twin, saying why', async () => {
    const p = await plan(k8s(unused, used, pod));
    expect(p.findings).toEqual([]);
    expect(p.actions.map((a) => [a.id, a.verb, a.params])).toEqual([
      [
        `janitor:first-seen:${unused.ref}`,
        'mark',
        { marks: { 'janitor.simian.dev/unused-since': T0.toISOString() } },
      ],
    ]);
    expect(p.notes?.join('\n')).toContain('ConfigMap web-config (shop): referenced by Pod web-1');
    expect(p.notes?.join('\n')).toContain(
      'ConfigMap old-flags (shop): ConfigMap old-flags is referenced by no pod spec',
    );
  });

  it('marks it once unused for `after`, with evidence, and tells when it goes', async () => {
    const p = await plan(k8s(seen(unused, at(-8)), used, pod));
    expect(p.findings).toHaveLength(1);
    expect(p.findings[0]).toMatchObject({
      ruleId: 'k8s-unused-configmap',
      resource: { ref: unused.ref },
      evidence: { unusedSince: at(-8).toISOString(), unusedFor: '8d', ownedBy: 'nothing' },
    });
    expect(p.actions.map((a) => [a.verb, a.params])).toEqual([
      [
        'mark',
        {
          marks: lifecycleMarkValues(JANITOR_MARKS, {
            rules: ['k8s-unused-configmap'],
            markedAt: T0,
            deleteAfter: at(7),
          }),
        },
      ],
    ]);
    expect(p.groups?.[unused.ref]).toEqual({ total: 1, healthy: 1, minHealthy: 0 });
  });

  it('deletes it when due, and unmarks the twin that became used during grace', async () => {
    const marks = lifecycleMarkValues(JANITOR_MARKS, {
      rules: ['k8s-unused-configmap'],
      markedAt: at(-7),
      deleteAfter: at(0),
    });
    const a = { ...seen(unused, at(-15)), marks: { ...seen(unused, at(-15)).marks, ...marks } };
    const b = { ...used, marks: { ...used.marks, ...marks } };
    const p = await plan(k8s(a, b, pod));
    expect(p.actions.map((x) => [x.verb, x.resource.name, x.params])).toEqual([
      ['delete', 'old-flags', { propagationPolicy: 'Background' }],
      [
        'unmark',
        'web-config',
        { keys: expect.arrayContaining([JANITOR_MARKS.rules, JANITOR_MARKS.firstSeen]) },
      ],
    ]);
    expect(p.actions[1]!.reason).toContain('referenced by Pod web-1');
  });

  it('fails closed: no rule that reads a failed listing is judged', async () => {
    const provider = k8s(seen(unused, at(-8)), used);
    provider.failList.add('Pod');
    const p = await plan(provider);
    expect(p.findings.filter((f) => f.ruleId === 'k8s-unused-configmap')).toEqual([]);
    expect(p.notes?.join('\n')).toContain(
      'k8s-unused-configmap is not judged in kubernetes test: listing failed for Pod',
    );
  });
});

describe('planJanitor: kube-janitor annotations', () => {
  it('marks gracePeriod before janitor/ttl expires, with the expiry as the deadline', async () => {
    const web = kube(
      'Deployment',
      'temp-nginx',
      { spec: { template: { spec: {} } } },
      {
        creationTimestamp: at(-1).toISOString(),
        annotations: { 'janitor/ttl': '10d' },
      },
    );
    const early = await plan(k8s(web));
    expect(early.actions).toEqual([]);
    expect(early.notes?.join('\n')).toContain(`it is marked after ${at(2).toISOString()}`);
    const p = await plan(k8s(web), at(3));
    expect(p.findings.map((f) => f.ruleId)).toEqual(['k8s-ttl']);
    expect(p.actions[0]!.params).toEqual({
      marks: lifecycleMarkValues(JANITOR_MARKS, {
        rules: ['k8s-ttl'],
        markedAt: at(3),
        deleteAfter: at(9),
      }),
    });
  });

  it('janitor/ttl: forever keeps a resource from every rule, reported as waived', async () => {
    const cm = seen(
      kube('ConfigMap', 'keep', {}, { annotations: { 'janitor/ttl': 'forever' } }),
      at(-30),
    );
    const p = await plan(k8s(cm));
    expect(p.findings.map((f) => [f.ruleId, f.waiver?.reason])).toEqual([
      ['k8s-unused-configmap', 'janitor/ttl: forever'],
    ]);
    expect(p.actions).toEqual([]);
  });
});
