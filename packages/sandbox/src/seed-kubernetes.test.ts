import { describe, expect, it } from 'vitest';
import { applyOrder, readSeedManifests, type SeedObject } from './seed-kubernetes.js';

interface Container {
  image: string;
  resources?: { limits?: object; requests?: object };
  readinessProbe?: object;
  livenessProbe?: object;
  securityContext?: { privileged?: boolean };
}
type PodSpec = { containers: Container[]; tolerations?: object[]; nodeSelector?: object };

const specOf = ({ object }: SeedObject) =>
  (object as { spec?: { replicas?: number; type?: string } }).spec;
const podSpecOf = ({ object }: SeedObject): PodSpec | undefined => {
  const o = object as {
    kind: string;
    spec?: {
      template?: { spec: PodSpec };
      jobTemplate?: { spec: { template: { spec: PodSpec } } };
    };
  };
  if (o.kind === 'Pod') return o.spec as unknown as PodSpec;
  return o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec.template.spec;
};

describe('the Kubernetes seed manifests', async () => {
  const objects = await readSeedManifests();
  const labelsOf = (o: SeedObject) => o.object.metadata.labels ?? {};

  it('give each file its own Namespace, and put each object in a namespace its file creates', () => {
    const byFile = new Map<string, SeedObject[]>();
    for (const o of objects) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
    expect(byFile.size).toBeGreaterThanOrEqual(4);
    for (const [file, items] of byFile) {
      const namespaces = items
        .filter((o) => o.object.kind === 'Namespace')
        .map((o) => o.object.metadata.name);
      expect(namespaces, file).toHaveLength(1);
      for (const o of items)
        if (o.object.metadata.namespace)
          expect(o.object.metadata.namespace, file).toBe(namespaces[0]);
    }
  });

  it('apply namespaces first, then cluster-scoped objects', () => {
    const kinds = applyOrder(objects).map((o) =>
      o.object.kind === 'Namespace' ? 'ns' : o.object.metadata.namespace ? 'namespaced' : 'cluster',
    );
    expect(kinds.join(',')).toMatch(/^(ns,)+(cluster,)*(namespaced,?)+$/);
  });

  it('hold what the monkeys need to find', () => {
    const kinds = objects.map((o) => o.object.kind);
    for (const kind of [
      'Deployment',
      'StatefulSet',
      'PodDisruptionBudget',
      'CronJob',
      'Job',
      'ConfigMap',
      'Secret',
      'PersistentVolumeClaim',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const replicas = objects
      .filter((o) => o.object.kind === 'Deployment')
      .map((o) => specOf(o)?.replicas);
    expect(replicas).toContain(1);
    expect(replicas).toContain(3);
    const containers = objects.flatMap((o) => podSpecOf(o)?.containers ?? []);
    expect(containers.some((c) => c.securityContext?.privileged)).toBe(true);
    expect(containers.some((c) => c.image.endsWith(':latest') && !c.resources?.limits)).toBe(true);
    const loadBalancers = objects.filter(
      (o) => o.object.kind === 'Service' && specOf(o)?.type === 'LoadBalancer',
    );
    expect(JSON.stringify(loadBalancers)).toMatch(/"name":"admin"/);
    expect(
      objects.filter((o) => labelsOf(o)['chaos.simian.dev/enabled'] === 'true').length,
    ).toBeGreaterThan(0);
    expect(objects.filter((o) => labelsOf(o)['app.kubernetes.io/part-of']).length).toBeGreaterThan(
      0,
    );
  });

  it('keep the payments namespace conforming: pinned images, limits, probes, a PDB, owner labels', () => {
    const payments = objects.filter((o) => o.object.metadata.namespace === 'payments');
    const workloads = payments.filter((o) => podSpecOf(o));
    expect(workloads.length).toBeGreaterThan(0);
    for (const workload of workloads) {
      expect(labelsOf(workload).owner, workload.object.metadata.name).toBeDefined();
      for (const c of podSpecOf(workload)!.containers) {
        expect(c.image).toMatch(/:\d+\.\d+\.\d+$/);
        expect(c.resources?.limits).toBeDefined();
        expect(c.resources?.requests).toBeDefined();
        expect(c.readinessProbe).toBeDefined();
        expect(c.livenessProbe).toBeDefined();
      }
    }
    expect(payments.map((o) => o.object.kind)).toContain('PodDisruptionBudget');
  });
});
