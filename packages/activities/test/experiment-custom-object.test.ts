// chaosk8s.crd.actions.create_custom_object and delete_custom_object, run natively against the
// real Chaos Mesh NetworkChaos CRD the sandbox installs, through the executor: ledger, dry-run,
// protected namespaces.
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  activityHarness,
  createNamespace,
  kubeClients,
  registryOf,
  uniqueName,
  waitFor,
} from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const objects = kc.makeApiClient(CustomObjectsApi);
const ns = uniqueName('chaos-crd');
// kube-system is in scope so that the protected rule, not the scope filter, is what refuses it.
const harness = activityHarness({
  registry: registryOf([kubernetesProvider]),
  kubeconfig,
  namespaces: `${ns}, kube-system`,
  runId: 'custom-object-test',
});
const { ledger } = harness;
const run = (func: string, args: Record<string, unknown>, dryRun = false) =>
  harness.run(`chaosk8s.crd.actions.${func}`, args, { dryRun });

/** The arguments of docs/experiments.md's example, in this test's namespace. */
const coordinates = { group: 'chaos-mesh.org', version: 'v1alpha1', plural: 'networkchaos' };
const delay = (name: string, namespace = ns) => ({
  ...coordinates,
  ns: namespace,
  resource: {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'NetworkChaos',
    metadata: { name, labels: { experiment: 'web-latency' } },
    spec: {
      action: 'delay',
      mode: 'all',
      delay: { latency: '200ms' },
      selector: { labelSelectors: { app: 'web' } },
    },
  },
});

const readDelay = (name: string, namespace = ns) =>
  objects
    .getNamespacedCustomObject({ ...coordinates, namespace, name })
    .then((o) => o as { spec: { delay: { latency: string } } })
    .catch(() => undefined);

beforeAll(async () => {
  await createNamespace(k, ns);
}, 60_000);
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('chaosk8s.crd.actions against a real CRD', () => {
  it('create_custom_object creates the object through the ledger; delete_custom_object removes it', async () => {
    await run('create_custom_object', delay('web-delay'));
    expect((await readDelay('web-delay'))?.spec.delay.latency).toBe('200ms');

    await run('delete_custom_object', {
      ...coordinates,
      kind: 'NetworkChaos',
      name: 'web-delay',
      ns,
    });
    await waitFor('web-delay to be gone', async () =>
      (await readDelay('web-delay')) === undefined ? true : undefined,
    );
    // The ledger lists newest first.
    expect(
      ledger()
        .reverse()
        .map((r) => [r.verb, r.status, r.ref]),
    ).toEqual([
      [
        'create',
        'succeeded',
        expect.stringMatching(
          new RegExp(`/${ns}/NetworkChaos\\.v1alpha1\\.chaos-mesh\\.org/web-delay$`),
        ),
      ],
      ['delete', 'succeeded', expect.stringMatching(/\/web-delay$/)],
    ]);
  });

  it('in dry-run creates nothing, and the ledger says dry-run', async () => {
    await run('create_custom_object', delay('dry-delay'), true);
    expect(await readDelay('dry-delay')).toBeUndefined();
    expect(ledger().map((r) => [r.verb, r.status])).toEqual([['create', 'dry-run']]);
  });

  it('fails, naming the object, when it already exists', async () => {
    await run('create_custom_object', delay('twice'));
    await expect(run('create_custom_object', delay('twice'))).rejects.toThrow(
      /create .*NetworkChaos\.v1alpha1\.chaos-mesh\.org\/twice was not done \(failed: .*already exists/,
    );
  });

  it('delete_custom_object knows a Chaos Mesh kind from its plural, asks for the kind of any other before the run, and names a missing object', async () => {
    // Known from plural.group: addressed by kind without being told it.
    await expect(
      run('delete_custom_object', { ...coordinates, name: 'not-here', ns }),
    ).rejects.toThrow(/NetworkChaos\.v1alpha1\.chaos-mesh\.org\/not-here does not exist/);
    // Unknown: the arguments are refused before anything runs, saying to add kind.
    await expect(
      run('delete_custom_object', {
        group: 'example.com',
        version: 'v1',
        plural: 'widgets',
        name: 'w',
        ns,
      }),
    ).rejects.toThrow(
      /kind: Simian addresses custom resources by kind and does not know the kind of this plural/,
    );
    await expect(
      run('delete_custom_object', { ...coordinates, kind: 'NetworkChaos', name: 'absent', ns }),
    ).rejects.toThrow(/NetworkChaos\.v1alpha1\.chaos-mesh\.org\/absent does not exist/);
  });

  it('refuses to create in a protected namespace, and the ledger says why', async () => {
    await expect(run('create_custom_object', delay('guarded', 'kube-system'))).rejects.toThrow(
      /create .*kube-system\/NetworkChaos.*\/guarded was not done \(skipped: refused: namespace "kube-system" is protected\)/,
    );
    expect(ledger().map((r) => [r.verb, r.status, r.detail?.reason])).toEqual([
      ['create', 'skipped', 'refused: namespace "kube-system" is protected'],
    ]);
    expect(await readDelay('guarded', 'kube-system')).toBeUndefined();
  });
});
