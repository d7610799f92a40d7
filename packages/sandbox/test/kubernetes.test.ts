import {
  ApiException,
  CoreV1Api,
  RbacAuthorizationV1Api,
  type V1Pod,
} from '@kubernetes/client-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { appendFile } from 'node:fs/promises';
import { criLogLine, mintIdentity, sandboxKubeConfig, sandboxPaths } from '@simian/sandbox';

const kc = sandboxKubeConfig({ kubeconfig: inject('sandboxKubeconfig') });
const core = kc.makeApiClient(CoreV1Api);

const isRunning = (pod: V1Pod) =>
  pod.status?.phase === 'Running' &&
  !pod.metadata?.deletionTimestamp &&
  pod.spec?.nodeName !== undefined;

describe('the sandbox cluster', () => {
  it('lists the kwok nodes, Ready', async () => {
    const nodes = await core.listNode({ labelSelector: 'type=kwok' });
    const ready = nodes.items
      .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      .map((n) => n.metadata?.name)
      .sort();
    expect(ready).toEqual(['kwok-node-0', 'kwok-node-1', 'kwok-node-2']);
  });

  it('replaces a deleted pod of the 3-replica Deployment with a Running pod within 30 s', async () => {
    const selector = {
      namespace: 'storefront',
      labelSelector: 'app.kubernetes.io/instance=storefront-web',
    };
    const before = (await core.listNamespacedPod(selector)).items.filter(isRunning);
    expect(before).toHaveLength(3);
    const victim = before[0]!.metadata!.name!;
    const deletedAt = Date.now();
    await core.deleteNamespacedPod({ name: victim, namespace: 'storefront' });

    let replacement: V1Pod | undefined;
    while (!replacement && Date.now() - deletedAt < 30_000) {
      const pods = (await core.listNamespacedPod(selector)).items.filter(isRunning);
      replacement = pods.find((p) => !before.some((b) => b.metadata?.uid === p.metadata?.uid));
      if (!replacement) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(replacement, 'a new Running pod within 30 s').toBeDefined();
    expect(Date.now() - deletedAt).toBeLessThan(30_000);
    expect(replacement!.metadata!.name).not.toBe(victim);
  });

  it("serves a pod's log through the apiserver from kwok's kubelet server, honouring sinceSeconds", async () => {
    const pods = await core.listNamespacedPod({
      namespace: 'storefront',
      labelSelector: 'app.kubernetes.io/instance=storefront-web',
    });
    const name = pods.items[0]!.metadata!.name!;
    const marker = `log-marker-${Date.now().toString(36)}`;
    const { containerLog } = sandboxPaths(inject('sandboxCwd'));
    const hourAgo = new Date(Date.now() - 3_600_000);
    await appendFile(
      containerLog,
      criLogLine(hourAgo, `old-${marker}`) + criLogLine(new Date(), marker),
    );

    const all = await core.readNamespacedPodLog({ name, namespace: 'storefront' });
    expect(all).toContain(`old-${marker}\n${marker}\n`);
    const recent = await core.readNamespacedPodLog({
      name,
      namespace: 'storefront',
      sinceSeconds: 600,
      timestamps: true,
    });
    expect(recent).toMatch(new RegExp(`^\\S+Z ${marker}$`, 'm'));
    expect(recent).not.toContain(`old-${marker}`);
  });
});

describe('identities', () => {
  const suffix = Date.now().toString(36);
  const viewer = `viewer-${suffix}`;
  const binding = `simian-test-view-${suffix}`;
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);

  afterAll(async () => {
    await rbac.deleteClusterRoleBinding({ name: binding }).catch(() => undefined);
  });

  it('gives a read-only identity 403 on delete pods, and the admin not', async () => {
    const identity = await mintIdentity({
      cwd: inject('sandboxCwd'),
      name: viewer,
      groups: ['simian:test-readers'],
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: binding },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: viewer }],
      },
    });
    const namespace = 'playground';
    const name = `rbac-probe-${suffix}`;
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name },
        spec: { containers: [{ name: 'probe', image: 'busybox:1.36.1' }] },
      },
    });
    const asViewer = sandboxKubeConfig({ kubeconfig: identity.kubeconfig }).makeApiClient(
      CoreV1Api,
    );
    const pods = await asViewer.listNamespacedPod({ namespace });
    expect(pods.items.map((p) => p.metadata?.name)).toContain(name);

    const denied = await asViewer.deleteNamespacedPod({ name, namespace }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(ApiException);
    expect((denied as ApiException<unknown>).code).toBe(403);
    const { message } = JSON.parse(String((denied as ApiException<unknown>).body)) as {
      message: string;
    };
    expect(message).toContain(`User "${viewer}" cannot delete resource "pods"`);

    await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
    const gone = await core.readNamespacedPod({ name, namespace }).catch((e: unknown) => e);
    expect((gone as ApiException<unknown>).code).toBe(404);
  });

  it('gives an identity with no binding nothing at all', async () => {
    const identity = await mintIdentity({ cwd: inject('sandboxCwd'), name: `nobody-${suffix}` });
    const asNobody = sandboxKubeConfig({ kubeconfig: identity.kubeconfig }).makeApiClient(
      CoreV1Api,
    );
    const denied = await asNobody
      .listNamespacedPod({ namespace: 'playground' })
      .catch((e: unknown) => e);
    expect((denied as ApiException<unknown>).code).toBe(403);
  });
});
