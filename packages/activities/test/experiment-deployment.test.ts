// The chaosk8s deployment actions and probes and simian.kubernetes.rollout_restart, run natively
// against the sandbox, with targets built as `simian experiment run --config` builds them
// (createExperimentTargets: ledger, kill switch, fresh read, the resource rules of the gate).
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  activityHarness,
  createNamespace,
  kubeClients,
  registryOf,
  uniqueName,
  waitReady,
  workloadBody,
} from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const ns = uniqueName('chaos-deploy');
const guarded = uniqueName('simian-guarded');
// kube-system is in scope so that the protected rule, not the scope filter, is what refuses it.
const { run, ledger } = activityHarness({
  registry: registryOf([kubernetesProvider]),
  kubeconfig,
  namespaces: `${ns}, kube-system`,
  runId: 'experiment-deployment-test',
  activity: 'deployment-test',
});

const readWeb = () => k.apps.readNamespacedDeployment({ name: 'web', namespace: ns });

beforeAll(async () => {
  await createNamespace(k, ns);
  await k.apps.createNamespacedDeployment({ namespace: ns, body: workloadBody('web', {}) });
  const guardedBody = workloadBody(guarded, {});
  await k.apps.createNamespacedDeployment({
    namespace: 'kube-system',
    body: { ...guardedBody, spec: { ...guardedBody.spec, replicas: 0 } },
  });
  await waitReady(k, ns, 'web', 1);
});
afterAll(async () => {
  await k.apps
    .deleteNamespacedDeployment({ name: guarded, namespace: 'kube-system' })
    .catch(() => undefined);
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('chaosk8s.deployment actions and probes', () => {
  it('scale_deployment scales through the ledger; deployment_fully_available then holds', async () => {
    const out = await run('chaosk8s.deployment.actions.scale_deployment', {
      name: 'web',
      replicas: 3,
      ns,
    });
    expect(out).toEqual({ from: 1, to: 3 });
    expect(ledger().map((r) => [r.monkey, r.verb, r.status])).toEqual([
      ['experiment', 'scale', 'succeeded'],
    ]);
    expect((await readWeb()).spec?.replicas).toBe(3);
    const probe = { type: 'probe' as const };
    await expect(
      run(
        'chaosk8s.deployment.probes.deployment_fully_available',
        { name: 'web', ns, timeout: 60 },
        probe,
      ),
    ).resolves.toBe(true);
    await waitReady(k, ns, 'web', 3);
    await expect(
      run(
        'chaosk8s.deployment.probes.deployment_available_and_healthy',
        { name: 'web', ns },
        probe,
      ),
    ).resolves.toBe(true);
    await expect(
      run(
        'chaosk8s.deployment.probes.deployment_not_fully_available',
        { name: 'web', ns, timeout: 1, raise_on_fully_available: false },
        probe,
      ),
    ).resolves.toBe(false);
    await expect(
      run(
        'chaosk8s.deployment.probes.deployment_available_and_healthy',
        { name: 'nope', ns },
        probe,
      ),
    ).rejects.toThrow("Deployment 'nope' was not found");
    // Probes read; they write nothing to the ledger.
    expect(ledger()).toHaveLength(1);
  });

  it('update_image in dry-run changes nothing; for real, it changes the template image', async () => {
    const before = await readWeb();
    const dry = await run(
      'chaosk8s.deployment.actions.update_image',
      { name: 'web', image: 'nginx:1.27.3', container: 'main', ns },
      { dryRun: true },
    );
    expect(dry).toMatchObject({ container: 'main', from: 'nginx:1.27.2', to: 'nginx:1.27.3' });
    expect(ledger().map((r) => [r.verb, r.status])).toEqual([['patch', 'dry-run']]);
    const unchanged = await readWeb();
    expect(unchanged.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    expect(unchanged.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.27.2');

    await run('chaosk8s.deployment.actions.set_deployment_image', {
      name: 'web',
      image: 'nginx:1.27.3',
      container_name: 'main',
      ns,
    });
    const after = await readWeb();
    expect(after.spec?.template.spec?.containers.map((c) => [c.name, c.image])).toEqual([
      ['main', 'nginx:1.27.3'],
    ]);
    await expect(
      run('chaosk8s.deployment.actions.update_image', {
        name: 'web',
        image: 'nginx:1',
        container: 'sidecar',
        ns,
      }),
    ).rejects.toThrow(/has no container "sidecar"/);
  });

  it('rollout_restart sets the restartedAt annotation on the pod template', async () => {
    const out = (await run('simian.kubernetes.rollout_restart', { name: 'web', ns })) as {
      restartedAt: string;
    };
    const annotations = (await readWeb()).spec?.template.metadata?.annotations ?? {};
    expect(annotations['kubectl.kubernetes.io/restartedAt']).toBe(out.restartedAt);
    await run('chaosk8s.deployment.actions.rollout_deployment', { name: 'web', ns });
    const again = (await readWeb()).spec?.template.metadata?.annotations ?? {};
    expect(again['kubectl.kubernetes.io/restartedAt']).not.toBe(out.restartedAt);
    expect(ledger().map((r) => [r.verb, r.status])).toEqual([
      ['patch', 'succeeded'],
      ['patch', 'succeeded'],
    ]);
  });

  it('refuses a Deployment in a protected namespace (kube-system), naming the rule', async () => {
    await expect(
      run('chaosk8s.deployment.actions.scale_deployment', {
        name: guarded,
        replicas: 2,
        ns: 'kube-system',
      }),
    ).rejects.toThrow(
      new RegExp(
        `^chaosk8s\\.deployment\\.actions\\.scale_deployment: scale k8s:\\S+/kube-system/Deployment/${guarded} was not done \\(skipped: .*namespace "kube-system" is protected\\)$`,
      ),
    );
    const rows = ledger();
    expect(rows.map((r) => [r.verb, r.status, r.detail?.reason])).toEqual([
      ['scale', 'skipped', expect.stringContaining('namespace "kube-system" is protected')],
    ]);
    const deployment = await k.apps.readNamespacedDeployment({
      name: guarded,
      namespace: 'kube-system',
    });
    expect(deployment.spec?.replicas).toBe(0);
  });
});
