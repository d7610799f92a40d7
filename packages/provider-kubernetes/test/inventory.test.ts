import { inject, describe, expect, it, afterAll } from 'vitest';
import type { Resource } from '@simian/core';
import { seedObjects, sandboxProvider } from './support.js';

// The inventory of the seeded estate, checked against what the seed manifests define. Expected
// counts are computed from the manifests plus what Kubernetes itself adds, each addition named.
const kubeconfig = inject('sandboxKubeconfig');
const seed = seedObjects();
const seedNamespaces = seed.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
const inSeed = (r: Resource) => r.namespace !== undefined && seedNamespaces.includes(r.namespace);
const seedCount = (kind: string) => seed.filter((o) => o.kind === kind).length;
const replicasOf = (kind: string) =>
  seed.filter((o) => o.kind === kind).reduce((n, o) => n + (o.spec?.replicas ?? 1), 0);

/**
 * What each kind should hold in the seed namespaces. The controller-manager adds a `default`
 * ServiceAccount and a `kube-root-ca.crt` ConfigMap to every namespace, one ReplicaSet per
 * Deployment, and one Endpoints per Service.
 */
const expected: Record<string, number> = {
  Deployment: seedCount('Deployment'),
  StatefulSet: seedCount('StatefulSet'),
  CronJob: seedCount('CronJob'),
  Service: seedCount('Service'),
  PodDisruptionBudget: seedCount('PodDisruptionBudget'),
  NetworkPolicy: seedCount('NetworkPolicy'),
  PersistentVolumeClaim: seedCount('PersistentVolumeClaim'),
  Secret: seedCount('Secret'),
  ConfigMap: seedCount('ConfigMap') + seedNamespaces.length,
  ServiceAccount: seedCount('ServiceAccount') + seedNamespaces.length,
  ReplicaSet: seedCount('Deployment'),
  Endpoints: seedCount('Service'),
};

const provider = sandboxProvider(kubeconfig);
const scope = provider.scopes()[0]!;
afterAll(() => provider.close());

describe('kubernetes inventory of the seeded estate', () => {
  it.each(Object.entries(expected))('%s: as many as the seed defines', async (kind, count) => {
    const items = (await provider.list(kind, scope)).filter(inSeed);
    expect(items.map((r) => r.name).sort(), kind).toHaveLength(count);
    for (const r of items) {
      expect(r.ref).toBe(`k8s:${scope}/${r.namespace}/${kind}/${r.name}`);
      expect(r.raw).toMatchObject({ kind, metadata: { name: r.name } });
    }
  });

  it("Jobs: the seed's, besides any the CronJob started", async () => {
    const jobs = (await provider.list('Job', scope))
      .filter(inSeed)
      .filter((j) => j.controller?.kind !== 'CronJob');
    expect(jobs).toHaveLength(seedCount('Job'));
  });

  it('Pods: the bare ones plus every replica of the workloads', async () => {
    const want = seedCount('Pod') + replicasOf('Deployment') + replicasOf('StatefulSet');
    // Other test files disrupt seed pods; their controllers bring them back, so wait for that.
    await expect
      .poll(
        async () =>
          (await provider.list('Pod', scope))
            .filter(inSeed)
            .filter(
              (p) =>
                p.controller?.kind !== 'Job' &&
                !(p.raw as { metadata: { deletionTimestamp?: string } }).metadata.deletionTimestamp,
            ).length,
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(want);
  });

  it("cluster-scoped kinds: the seed's namespaces and volume, and the fake nodes", async () => {
    const namespaces = await provider.list('Namespace', scope);
    expect(namespaces.filter((n) => seedNamespaces.includes(n.name))).toHaveLength(
      seedNamespaces.length,
    );
    for (const n of namespaces) expect(n.ref).toBe(`k8s:${scope}/_/Namespace/${n.name}`);
    const volumes = await provider.list('PersistentVolume', scope);
    const seedVolumes = seed
      .filter((o) => o.kind === 'PersistentVolume')
      .map((o) => o.metadata.name);
    expect(volumes.filter((v) => seedVolumes.includes(v.name))).toHaveLength(seedVolumes.length);
    expect(
      (await provider.list('Node', scope)).filter((n) => n.labels.type === 'kwok').length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('the kinds the seed does not make can still be listed', async () => {
    for (const kind of [
      'DaemonSet',
      'Ingress',
      'EndpointSlice',
      'Role',
      'RoleBinding',
      'ClusterRole',
      'ClusterRoleBinding',
    ]) {
      await expect(provider.list(kind, scope), kind).resolves.toBeInstanceOf(Array);
    }
    const slices = (await provider.list('EndpointSlice', scope)).filter(inSeed);
    const served = new Set(slices.map((s) => s.labels['kubernetes.io/service-name']));
    expect(served.size).toBe(seedCount('Service'));
  });

  it('fills owner, controller, creation time and labels', async () => {
    const web = (await provider.list('Deployment', scope)).find(
      (d) => d.namespace === 'storefront' && d.name === 'web',
    )!;
    expect(web).toMatchObject({
      owner: 'storefront-team',
      labels: { 'chaos.simian.dev/enabled': 'true' },
      context: scope,
    });
    expect(Date.parse(web.createdAt!)).not.toBeNaN();
    const pods = (await provider.list('Pod', scope)).filter(
      (p) => p.namespace === 'storefront' && p.labels['app.kubernetes.io/name'] === 'web',
    );
    expect(pods.length).toBeGreaterThan(0);
    for (const p of pods) expect(p.controller).toMatchObject({ kind: 'ReplicaSet' });
    const ownerless = (await provider.list('Pod', scope)).find(
      (p) => p.namespace === 'playground' && p.name === 'scratch',
    )!;
    expect(ownerless.owner).toBeUndefined();
    expect(ownerless.controller).toBeUndefined();
  });

  it('fills the workload views from the live objects', async () => {
    const read = async (kind: string, ns: string, name: string) =>
      (await provider.read(provider.ref({ scope, kind, namespace: ns, name })))!;
    const web = await read('Deployment', 'storefront', 'web');
    const raw = web.raw as { metadata: { uid: string; resourceVersion: string } };
    expect(web.views?.workload).toMatchObject({
      desired: 3,
      selector: { matchLabels: { 'app.kubernetes.io/instance': 'storefront-web' } },
      templateLabels: { 'app.kubernetes.io/instance': 'storefront-web' },
      containers: [{ name: 'web', image: 'nginx:1.27.2' }],
      uid: raw.metadata.uid,
      version: raw.metadata.resourceVersion,
    });
    const revision = web.views?.workload?.revision;
    expect(revision).toBeGreaterThanOrEqual(1);
    const replicaSets = (await provider.list('ReplicaSet', scope)).filter(
      (rs) => rs.views?.workload?.controllerUid === raw.metadata.uid,
    );
    expect(replicaSets.map((rs) => rs.views?.workload?.revision)).toContain(revision);
    expect(replicaSets.every((rs) => rs.controller?.name === 'web')).toBe(true);
    const db = await read('StatefulSet', 'ledger', 'ledger-db');
    expect(db.views?.workload).toMatchObject({
      desired: 3,
      containers: [{ name: 'postgres', image: 'postgres:16.4' }],
    });
    // Other test files disrupt seed pods; their controllers bring them back, so wait for that.
    await expect
      .poll(async () => (await read('Deployment', 'storefront', 'web')).views?.workload, {
        timeout: 60_000,
        interval: 1000,
      })
      .toMatchObject({ ready: 3, available: 3, updated: 3, statusCurrent: true });
  });

  it('fills the pod and disruption budget views from the live objects', async () => {
    const pods = (await provider.list('Pod', scope)).filter(
      (p) => p.namespace === 'storefront' && p.labels['app.kubernetes.io/name'] === 'web',
    );
    expect(pods.length).toBeGreaterThan(0);
    for (const p of pods) {
      const raw = p.raw as { metadata: { uid: string }; spec: { nodeName?: string } };
      expect(p.views?.pod).toMatchObject({
        uid: raw.metadata.uid,
        containers: ['web'],
        defaultContainer: 'web',
        node: raw.spec.nodeName,
      });
    }
    const budget = async () =>
      (await provider.read(
        provider.ref({ scope, kind: 'PodDisruptionBudget', namespace: 'storefront', name: 'web' }),
      ))!.views?.disruptionBudget;
    expect(await budget()).toMatchObject({
      selector: { matchLabels: { 'app.kubernetes.io/instance': 'storefront-web' } },
    });
    await expect.poll(budget, { timeout: 60_000, interval: 1000 }).toMatchObject({
      statusCurrent: true,
      expectedPods: 3,
      desiredHealthy: 2,
      currentHealthy: 3,
      disruptionsAllowed: 1,
    });
  });

  it('builds refs for a configured context only', () => {
    expect(provider.ref({ scope, kind: 'Namespace', name: 'storefront' })).toBe(
      `k8s:${scope}/_/Namespace/storefront`,
    );
    expect(() =>
      provider.ref({ scope: 'elsewhere', kind: 'Pod', namespace: 'a', name: 'b' }),
    ).toThrow('no Kubernetes context "elsewhere" is configured');
  });

  it('keeps raw objects as plain JSON, as in a manifest', async () => {
    const [pod] = (await provider.list('Pod', scope)).filter(
      (p) => p.namespace === 'playground' && p.name === 'debug-shell',
    );
    const raw = pod!.raw as {
      apiVersion: string;
      kind: string;
      metadata: { creationTimestamp: unknown; managedFields?: unknown };
      spec: { hostPID: boolean; containers: Array<{ securityContext: unknown }> };
    };
    expect(raw.apiVersion).toBe('v1');
    expect(raw.kind).toBe('Pod');
    expect(typeof raw.metadata.creationTimestamp).toBe('string');
    expect(raw.spec.hostPID).toBe(true);
    expect(raw.spec.containers[0]?.securityContext).toEqual({ privileged: true });
    expect(raw.metadata.managedFields).toBeUndefined();
    expect(JSON.parse(JSON.stringify(raw))).toEqual(raw);
  });

  it('lists Secrets without their values', async () => {
    const secrets = (await provider.list('Secret', scope)).filter(inSeed);
    expect(secrets.length).toBe(seedCount('Secret'));
    for (const s of secrets) {
      expect(s.raw).not.toHaveProperty('data');
      expect(s.raw).not.toHaveProperty('stringData');
      expect(JSON.stringify(s.raw)).not.toMatch(/not-a-real/);
    }
  });

  it('filters by label on the server', async () => {
    // Other test files make opted-in Deployments of their own in other namespaces meanwhile.
    const opted = (
      await provider.list('Deployment', scope, { labelSelector: 'chaos.simian.dev/enabled=true' })
    ).filter(inSeed);
    const want = seed.filter(
      (o) => o.kind === 'Deployment' && o.metadata.labels?.['chaos.simian.dev/enabled'] === 'true',
    );
    expect(opted.map((d) => d.name).sort()).toEqual(want.map((d) => d.metadata.name).sort());
  });

  it('reads one resource fresh, and says undefined for one that is gone', async () => {
    const ref = `k8s:${scope}/storefront/Deployment/web`;
    expect((await provider.read(ref))?.name).toBe('web');
    expect(await provider.read(`k8s:${scope}/storefront/Deployment/no-such-thing`)).toBeUndefined();
  });
});

describe('pagination', () => {
  it('a page size of 2 returns the same items over many requests', async () => {
    const small = sandboxProvider(kubeconfig, { pageSize: 2 });
    try {
      for (const kind of ['ConfigMap', 'ServiceAccount', 'ClusterRole', 'Service']) {
        const before = small.stats().requests;
        const paged = await small.list(kind, scope);
        const requests = small.stats().requests - before;
        const whole = await provider.list(kind, scope);
        expect(paged.map((r) => r.ref).sort(), kind).toEqual(whole.map((r) => r.ref).sort());
        expect(requests, kind).toBe(Math.ceil(paged.length / 2));
        expect(requests, kind).toBeGreaterThan(1);
      }
    } finally {
      await small.close();
    }
  });

  it('lists one included namespace at a time, and honours exclude', async () => {
    const only = sandboxProvider(kubeconfig, {
      namespaces: { include: ['storefront', 'payments'], exclude: ['payments'] },
      pageSize: 2,
    });
    try {
      const services = await only.list('Service', scope);
      const want = seed.filter(
        (o) => o.kind === 'Service' && o.metadata.namespace === 'storefront',
      );
      expect(services.map((s) => s.name).sort()).toEqual(want.map((s) => s.metadata.name).sort());
      expect((await only.list('Namespace', scope)).map((n) => n.name)).toEqual(['storefront']);
    } finally {
      await only.close();
    }
  });

  it('lists one namespace when asked, in one request; a namespace out of scope has nothing', async () => {
    const only = sandboxProvider(kubeconfig, { namespaces: { exclude: ['payments'] } });
    try {
      const before = only.stats().requests;
      const services = await only.list('Service', scope, { namespace: 'storefront' });
      expect(only.stats().requests - before).toBe(1);
      const want = seed.filter(
        (o) => o.kind === 'Service' && o.metadata.namespace === 'storefront',
      );
      expect(services.map((s) => s.name).sort()).toEqual(want.map((s) => s.metadata.name).sort());
      expect(await only.list('Service', scope, { namespace: 'payments' })).toEqual([]);
      expect(only.stats().requests - before).toBe(1);
      // A cluster-scoped kind ignores it.
      expect(
        (await only.list('Namespace', scope, { namespace: 'storefront' })).length,
      ).toBeGreaterThan(1);
    } finally {
      await only.close();
    }
  });
});

describe('custom resources', () => {
  it('an unknown group/version/Kind fails with a hint, never an empty list', async () => {
    // The sandbox serves Chaos Mesh's real CRDs, so the unknown kind is one nobody installs.
    await expect(provider.list('example.invalid/v1/NoSuchKind', scope)).rejects.toThrow(
      /is unknown.*not served/,
    );
  });
});
