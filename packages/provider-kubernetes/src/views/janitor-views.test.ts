import { describe, expect, it } from 'vitest';
import { resourceFromObject } from '../to-resource.js';
import { parseQuantity } from './quantity.js';

// The views the janitor reads, from objects in the shapes the API server sends them.
const at = { context: 'prod' };
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'shop',
  ...extra,
});

describe('pod spec references', () => {
  const spec = {
    serviceAccountName: 'web',
    imagePullSecrets: [{ name: 'registry' }],
    volumes: [
      { name: 'a', configMap: { name: 'web-config' } },
      { name: 'b', secret: { secretName: 'web-tls' } },
      { name: 'c', persistentVolumeClaim: { claimName: 'web-data' } },
      {
        name: 'd',
        projected: { sources: [{ configMap: { name: 'bundle' } }, { secret: { name: 'token' } }] },
      },
    ],
    initContainers: [{ name: 'init', envFrom: [{ configMapRef: { name: 'init-env' } }] }],
    containers: [
      {
        name: 'web',
        envFrom: [{ secretRef: { name: 'web-env' } }],
        env: [
          { name: 'A', valueFrom: { configMapKeyRef: { name: 'flags', key: 'a' } } },
          { name: 'B', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'C', value: 'plain' },
        ],
      },
    ],
  };
  const wanted = {
    configMaps: ['bundle', 'flags', 'init-env', 'web-config'],
    secrets: ['db', 'registry', 'token', 'web-env', 'web-tls'],
    claims: ['web-data'],
    serviceAccount: 'web',
  };

  it('reads every place a Pod names a ConfigMap, Secret, claim and ServiceAccount', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta('p'), spec };
    expect(resourceFromObject(pod, at).views?.podSpec).toEqual(wanted);
  });

  it('reads the template of a workload, a Job and a CronJob, and a StatefulSet claim template', () => {
    const template = { spec: { template: { spec } } };
    for (const kind of ['Deployment', 'DaemonSet', 'ReplicaSet']) {
      const o = { apiVersion: 'apps/v1', kind, metadata: meta('w'), ...template };
      expect(resourceFromObject(o, at).views?.podSpec).toEqual(wanted);
    }
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('j'), ...template };
    expect(resourceFromObject(job, at).views?.podSpec).toEqual(wanted);
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta('c'),
      spec: { jobTemplate: { spec: { template: { spec } } } },
    };
    expect(resourceFromObject(cron, at).views?.podSpec).toEqual(wanted);
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta('db'),
      spec: { template: { spec: {} }, volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
    };
    expect(resourceFromObject(sts, at).views?.podSpec).toEqual({
      configMaps: [],
      secrets: [],
      claims: [],
      serviceAccount: 'default',
      claimTemplates: ['data'],
    });
  });

  it('knows when a finished pod ended: its last container', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta('done'),
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          { name: 'a', state: { terminated: { finishedAt: '2026-11-20T10:00:00Z' } } },
          { name: 'b', state: { terminated: { finishedAt: '2026-11-20T10:05:00Z' } } },
        ],
      },
    };
    expect(resourceFromObject(pod, at).views?.pod?.finishedAt).toBe('2026-11-20T10:05:00Z');
  });
});

describe('jobs', () => {
  it('reads a completed, a failed and a running Job', () => {
    const job = (status: unknown, spec: Record<string, unknown> = {}) =>
      resourceFromObject(
        { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('j'), spec, status },
        at,
      ).views?.job;
    expect(
      job(
        {
          completionTime: '2026-11-20T10:00:05Z',
          conditions: [
            { type: 'Complete', status: 'True', lastTransitionTime: '2026-11-20T10:00:06Z' },
          ],
        },
        { ttlSecondsAfterFinished: 600 },
      ),
    ).toEqual({
      finished: 'Complete',
      finishedAt: '2026-11-20T10:00:05Z',
      ttlSecondsAfterFinished: 600,
    });
    expect(
      job({
        conditions: [
          { type: 'FailureTarget', status: 'True', lastTransitionTime: '2026-11-20T10:00:00Z' },
          { type: 'Failed', status: 'True', lastTransitionTime: '2026-11-20T10:00:01Z' },
        ],
      }),
    ).toEqual({ finished: 'Failed', finishedAt: '2026-11-20T10:00:01Z' });
    expect(job({ active: 1 })).toEqual({});
  });
});

describe('storage', () => {
  it('reads a claim and a released volume', () => {
    const claim = resourceFromObject(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta('data'),
        spec: {
          volumeName: 'pv-1',
          storageClassName: 'gp3',
          resources: { requests: { storage: '20Gi' } },
        },
        status: { phase: 'Bound', capacity: { storage: '20Gi' } },
      },
      at,
    );
    expect(claim.views?.volumeClaim).toEqual({
      phase: 'Bound',
      volumeName: 'pv-1',
      storageClass: 'gp3',
      requestedBytes: 20 * 2 ** 30,
      capacityBytes: 20 * 2 ** 30,
    });
    const pv = resourceFromObject(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv-1' },
        spec: {
          capacity: { storage: '20Gi' },
          accessModes: ['ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: 'gp3',
          claimRef: { namespace: 'shop', name: 'data', uid: 'u-1' },
          csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' },
        },
        status: { phase: 'Released', lastPhaseTransitionTime: '2026-11-01T00:00:00Z' },
      },
      at,
    );
    expect(pv.views?.persistentVolume).toEqual({
      phase: 'Released',
      phaseSince: '2026-11-01T00:00:00Z',
      reclaimPolicy: 'Retain',
      claim: { namespace: 'shop', name: 'data' },
      capacityBytes: 20 * 2 ** 30,
      storageClass: 'gp3',
      source: 'csi:ebs.csi.aws.com',
    });
  });

  it('parses quantities as the API writes them', () => {
    expect(parseQuantity('20Gi')).toBe(20 * 2 ** 30);
    expect(parseQuantity('500M')).toBe(5e8);
    expect(parseQuantity('1e9')).toBe(1e9);
    expect(parseQuantity('1.5Ti')).toBe(1.5 * 2 ** 40);
    expect(parseQuantity('100m')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });
});

describe('services, secrets, service accounts, ingresses, owners', () => {
  it('reads a selector, and an empty one as none', () => {
    const svc = (spec: unknown) =>
      resourceFromObject({ apiVersion: 'v1', kind: 'Service', metadata: meta('s'), spec }, at)
        .views;
    expect(svc({ selector: { app: 'web' } })).toEqual({
      service: {
        type: 'ClusterIP',
        ports: [],
        loadBalancer: [],
        externalIPs: [],
        selector: { app: 'web' },
      },
    });
    expect(svc({ type: 'ExternalName', selector: {} })).toEqual({
      service: { type: 'ExternalName', ports: [], loadBalancer: [], externalIPs: [] },
    });
  });

  it('reads a Secret type and owners, never its values; a ServiceAccount and an Ingress', () => {
    const secret = resourceFromObject(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: meta('tls', {
          ownerReferences: [{ apiVersion: 'v1', kind: 'Certificate', name: 'web', uid: 'u' }],
        }),
        data: { 'tls.key': 'c2VjcmV0' },
      },
      at,
    );
    expect(secret.views).toEqual({
      owners: [{ kind: 'Certificate', name: 'web', controller: false }],
      secret: { type: 'kubernetes.io/tls' },
    });
    expect(JSON.stringify(secret)).not.toContain('c2VjcmV0');
    const sa = resourceFromObject(
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: meta('web'),
        secrets: [{ name: 'web-token' }],
        imagePullSecrets: [{ name: 'registry' }],
      },
      at,
    );
    expect(sa.views?.serviceAccount).toEqual({
      secrets: ['web-token'],
      imagePullSecrets: ['registry'],
    });
    const ing = resourceFromObject(
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('web'),
        spec: {
          tls: [{ hosts: ['a'], secretName: 'web-tls' }],
          defaultBackend: { service: { name: 'fallback' } },
          rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web' } } }] } }],
        },
      },
      at,
    );
    expect(ing.views?.ingress).toEqual({
      hosts: [],
      tlsHosts: ['a'],
      loadBalancer: [],
      tlsSecrets: ['web-tls'],
      services: ['fallback', 'web'],
    });
  });
});
