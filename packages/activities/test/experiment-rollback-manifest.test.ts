// chaosk8s.deployment.actions.rollback_deployment and simian.kubernetes.apply_manifest and
// delete_manifest, run natively against the sandbox with targets built as
// `simian experiment run --config` builds them (createExperimentTargets).
import { fileURLToPath } from 'node:url';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  activityHarness,
  createNamespace,
  kubeClients,
  registryOf,
  uniqueName,
  waitFor,
  workloadBody,
} from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const ns = uniqueName('chaos-rollback');
const { run, ledger } = activityHarness({
  registry: registryOf([kubernetesProvider]),
  kubeconfig,
  namespaces: ns,
  runId: 'experiment-rollback-manifest-test',
  activity: 'rollback-manifest-test',
});

const fixture = fileURLToPath(new URL('./fixtures/config-and-deployment.yaml', import.meta.url));
const exists = (p: Promise<unknown>) =>
  p.then(
    () => true,
    () => false,
  );
const configMapExists = () =>
  exists(k.core.readNamespacedConfigMap({ name: 'manifest-settings', namespace: ns }));
const manifestDeploymentExists = () =>
  exists(k.apps.readNamespacedDeployment({ name: 'manifest-web', namespace: ns }));

const readDeployment = (name: string) => k.apps.readNamespacedDeployment({ name, namespace: ns });
const imageOf = async (name: string) =>
  (await readDeployment(name)).spec?.template.spec?.containers[0]?.image;

/** Waits until the controller has a ReplicaSet of `name` at `revision`. */
const waitRevision = (name: string, revision: string) =>
  waitFor(`revision ${revision} of Deployment ${name}`, async () => {
    const list = await k.apps.listNamespacedReplicaSet({ namespace: ns });
    return list.items.find(
      (rs) =>
        rs.metadata?.ownerReferences?.some((o) => o.name === name) &&
        rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision,
    );
  });

beforeAll(async () => {
  await createNamespace(k, ns);
  for (const name of ['web', 'fresh']) {
    await k.apps.createNamespacedDeployment({ namespace: ns, body: workloadBody(name, {}) });
  }
});
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('chaosk8s.deployment.actions.rollback_deployment', () => {
  it('after update_image, restores the previous image through the ledger', async () => {
    await waitRevision('web', '1');
    await run('chaosk8s.deployment.actions.update_image', {
      name: 'web',
      image: 'nginx:1.27.3',
      container: 'main',
      ns,
    });
    expect(await imageOf('web')).toBe('nginx:1.27.3');
    await waitRevision('web', '2');

    const out = await run('chaosk8s.deployment.actions.rollback_deployment', { name: 'web', ns });
    expect(out).toMatchObject({ from: 2, to: 1, type: 'merge' });
    expect(await imageOf('web')).toBe('nginx:1.27.2');
    const template = (await readDeployment('web')).spec?.template;
    expect(template?.metadata?.labels).toEqual({ app: 'web' });
    expect(ledger().map((r) => [r.verb, r.status])).toEqual([
      ['patch', 'succeeded'],
      ['patch', 'succeeded'],
    ]);
    // The controller makes the rolled-back template revision 3, as `kubectl rollout undo` does.
    await waitRevision('web', '3');
  });

  it('fails with a clear message for a Deployment with no earlier revision', async () => {
    await waitRevision('fresh', '1');
    await expect(
      run('chaosk8s.deployment.actions.rollback_deployment', { name: 'fresh', ns }),
    ).rejects.toThrow(
      `chaosk8s.deployment.actions.rollback_deployment: Deployment ${ns}/fresh has no revision before 1 to roll back to`,
    );
    expect(ledger()).toEqual([]);
    expect(await imageOf('fresh')).toBe('nginx:1.27.2');
  });
});

describe('simian.kubernetes.apply_manifest and delete_manifest', () => {
  it('in dry-run, apply_manifest creates nothing', async () => {
    const out = await run(
      'simian.kubernetes.apply_manifest',
      { path: fixture, ns },
      { dryRun: true },
    );
    expect(out).toEqual({
      created: [
        expect.stringMatching(new RegExp(`/${ns}/ConfigMap/manifest-settings$`)),
        expect.stringMatching(new RegExp(`/${ns}/Deployment/manifest-web$`)),
      ],
    });
    expect(ledger().map((r) => [r.verb, r.status])).toEqual([
      ['create', 'dry-run'],
      ['create', 'dry-run'],
    ]);
    expect(await configMapExists()).toBe(false);
    expect(await manifestDeploymentExists()).toBe(false);
  });

  it('apply_manifest creates a ConfigMap and a Deployment from a file; delete_manifest removes them', async () => {
    await run('simian.kubernetes.apply_manifest', { path: fixture, ns });
    expect(await configMapExists()).toBe(true);
    expect(await imageOf('manifest-web')).toBe('nginx:1.27.2');
    expect(
      (await k.core.readNamespacedConfigMap({ name: 'manifest-settings', namespace: ns })).data,
    ).toEqual({ mode: 'chaos' });

    // A second apply fails on the first object that exists, naming it.
    await expect(run('simian.kubernetes.apply_manifest', { path: fixture, ns })).rejects.toThrow(
      new RegExp(
        `^simian\\.kubernetes\\.apply_manifest: k8s:\\S+/${ns}/ConfigMap/manifest-settings already exists$`,
      ),
    );

    const out = (await run('simian.kubernetes.delete_manifest', { path: fixture, ns })) as {
      deleted: string[];
    };
    expect(out.deleted).toHaveLength(2);
    // The ledger lists the newest first.
    expect(ledger().map((r) => [r.verb, r.status])).toEqual([
      ['delete', 'succeeded'],
      ['delete', 'succeeded'],
      ['create', 'succeeded'],
      ['create', 'succeeded'],
    ]);
    await waitFor('the manifest objects to be gone', async () =>
      !(await configMapExists()) && !(await manifestDeploymentExists()) ? true : undefined,
    );
  });

  it('takes an inline manifest too', async () => {
    const manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'inline-settings' },
      data: { a: '1' },
    };
    await run('simian.kubernetes.apply_manifest', { manifest, ns });
    expect(
      (await k.core.readNamespacedConfigMap({ name: 'inline-settings', namespace: ns })).data,
    ).toEqual({ a: '1' });
    await run('simian.kubernetes.delete_manifest', { manifest, ns });
    await waitFor('inline-settings to be gone', async () =>
      (await exists(k.core.readNamespacedConfigMap({ name: 'inline-settings', namespace: ns })))
        ? undefined
        : true,
    );
  });
});
