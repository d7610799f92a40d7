import { describe, expect, it } from 'vitest';
import { kubernetesProvider } from './factory.js';
import { builtinKind, builtinKinds } from './kinds/builtin-kinds.js';
import { kubeVerbs } from './verbs/index.js';

// Meta-tests over the kind and verb registries (docs/architecture.md, "Where to add").
describe('the kind registry', () => {
  it('declares each kind once, with a plural and an RBAC permission', () => {
    const names = builtinKinds.map((k) => k.kind);
    expect(new Set(names).size).toBe(names.length);
    for (const kind of kubernetesProvider.kinds) {
      expect(kind.permissions).toEqual([
        expect.objectContaining({ kind: 'rbac', verbs: ['list', 'get'] }),
      ]);
    }
  });

  it('covers the kinds of issue 4', () => {
    for (const k of [
      'Pod',
      'Deployment',
      'ReplicaSet',
      'StatefulSet',
      'DaemonSet',
      'Job',
      'CronJob',
      'Service',
      'Endpoints',
      'EndpointSlice',
      'Ingress',
      'ConfigMap',
      'Secret',
      'PersistentVolumeClaim',
      'PersistentVolume',
      'Namespace',
      'Node',
      'PodDisruptionBudget',
      'ServiceAccount',
      'Role',
      'ClusterRole',
      'RoleBinding',
      'ClusterRoleBinding',
      'NetworkPolicy',
    ]) {
      expect(builtinKind(k), k).toBeDefined();
    }
  });

  it('finds kinds by plural and lower-case name too', () => {
    expect(builtinKind('pods')?.kind).toBe('Pod');
    expect(builtinKind('networkpolicy')?.kind).toBe('NetworkPolicy');
  });
});

describe('the verb registry', () => {
  it('every verb has a strict params schema, a description and permissions', () => {
    for (const verb of kubeVerbs) {
      const def = (
        verb.params as unknown as {
          _zod: { def: { catchall?: { _zod: { def: { type: string } } } } };
        }
      )._zod.def;
      expect(def.catchall?._zod.def.type, `${verb.verb} params must be a strict object`).toBe(
        'never',
      );
      expect(verb.description.length).toBeGreaterThan(10);
    }
    for (const d of kubernetesProvider.verbs)
      expect(d.permissions.length, `${d.verb} ${d.kinds}`).toBeGreaterThan(0);
  });

  it('evict and kill-container apply to pods only; scale to scalable workloads', () => {
    const kindsOf = (verb: string) =>
      kubernetesProvider.verbs.filter((d) => d.verb === verb).flatMap((d) => d.kinds);
    expect(kindsOf('evict')).toEqual(['Pod']);
    expect(kindsOf('kill-container')).toEqual(['Pod']);
    expect(kindsOf('scale').sort()).toEqual(['Deployment', 'ReplicaSet', 'StatefulSet']);
    expect(kubernetesProvider.verbs.find((d) => d.verb === 'evict')?.permissions).toEqual([
      { kind: 'rbac', group: '', resource: 'pods', verbs: ['create'], subresource: 'eviction' },
    ]);
  });
});
