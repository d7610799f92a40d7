import type { Permission } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { limitedNamespaces, rbacPlan, renderRbacPlan } from './rbac-plan.js';
import { kubernetesTargetSchema } from './target-schema.js';
import { leasePermissions, kubernetesRuntimePermissions } from './runtime-permissions.js';
import { configMapKeyPermissions, parseConfigMapSource } from './configmap-key.js';
import type { SimianConfig } from '@simian/core';

const pods: Permission = { kind: 'rbac', group: '', resource: 'pods', verbs: ['list', 'get'] };
const namespaces: Permission = { kind: 'rbac', group: '', resource: 'namespaces', verbs: ['list'] };

describe('rbacPlan', () => {
  it('grants namespaced kinds by a Role in each namespace, cluster-scoped ones by the ClusterRole', () => {
    const plan = rbacPlan([pods, namespaces], { namespaces: ['a', 'b'] });
    expect(plan.cluster).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['list'] }]);
    expect(Object.keys(plan.namespaces)).toEqual(['a', 'b']);
    expect(plan.namespaces.a).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    ]);
  });

  it('everything cluster-wide when the targets list every namespace', () => {
    expect(rbacPlan([pods]).namespaces).toEqual({});
    expect(
      limitedNamespaces(kubernetesTargetSchema.parse([{ namespaces: { include: ['a'] } }, {}])),
    ).toBe(undefined);
    expect(
      limitedNamespaces(kubernetesTargetSchema.parse([{ namespaces: { include: ['b', 'a'] } }])),
    ).toEqual(['a', 'b']);
  });

  it('objects in a namespace of their own (kill switch, Lease) get a Role there, with their names', () => {
    const targets = kubernetesTargetSchema.parse([
      { killSwitchConfigMap: { namespace: 'simian-system', name: 'stop' } },
    ]);
    const perms = [
      ...kubernetesRuntimePermissions(targets, {} as SimianConfig),
      ...leasePermissions('simian-system', 'simian-daemon'),
    ];
    const plan = rbacPlan([pods, ...perms]);
    expect(plan.cluster.map((r) => r.resources)).toEqual([
      ['pods'],
      ['networkpolicies'],
      ['networkchaos'],
      ['virtualservices'],
    ]);
    expect(plan.namespaces['simian-system']).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['stop'] },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        verbs: ['get', 'update'],
        resourceNames: ['simian-daemon'],
      },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
    ]);
    const yaml = renderRbacPlan('simian-x', plan);
    expect(yaml).toContain('kind: ClusterRole\n');
    expect(yaml).toContain('kind: Role\nmetadata:\n  name: simian-x\n  namespace: simian-system\n');
    expect(yaml).toContain('resourceNames: ["stop"]');
  });

  it('report objects are granted only when reporting.cluster writes them', () => {
    const targets = kubernetesTargetSchema.parse([{}]);
    // Without reporting.cluster: only the reaper's listing of fault kinds.
    expect(kubernetesRuntimePermissions(targets, {} as SimianConfig)).toEqual([
      { kind: 'rbac', group: 'networking.k8s.io', resource: 'networkpolicies', verbs: ['list'] },
      // Custom fault kinds, wherever their CRDs are installed.
      { kind: 'rbac', group: 'chaos-mesh.org', resource: 'networkchaos', verbs: ['list'] },
      { kind: 'rbac', group: 'networking.istio.io', resource: 'virtualservices', verbs: ['list'] },
      // Pods carry netem faults (the latency monkey's tc backend).
      { kind: 'rbac', group: '', resource: 'pods', verbs: ['list'] },
    ]);
    const withReports = {
      reporting: { cluster: { formats: ['policyreport'] } },
    } as unknown as SimianConfig;
    expect(
      kubernetesRuntimePermissions(targets, withReports).map(
        (p) => p.kind === 'rbac' && p.resource,
      ),
    ).toEqual([
      'networkpolicies',
      'networkchaos',
      'virtualservices',
      'pods',
      'policyreports',
      'clusterpolicyreports',
    ]);
  });

  it('configmap://ns/name/key sources, and what reading one needs', () => {
    expect(parseConfigMapSource('configmap://chaos/experiments/any-pod.yaml')).toEqual({
      namespace: 'chaos',
      name: 'experiments',
      key: 'any-pod.yaml',
    });
    expect(parseConfigMapSource('experiments/any-pod.yaml')).toBe(undefined);
    expect(configMapKeyPermissions({ namespace: 'chaos', name: 'experiments', key: 'k' })).toEqual([
      {
        kind: 'rbac',
        group: '',
        resource: 'configmaps',
        verbs: ['get'],
        namespace: 'chaos',
        resourceNames: ['experiments'],
      },
    ]);
  });
});
