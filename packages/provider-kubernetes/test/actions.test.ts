import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PolicyV1Api,
  type V1Deployment,
} from '@kubernetes/client-node';
import { ActionFailedError, type Action, type Resource } from '@simian/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { logger, sandboxProvider, uniqueName } from './support.js';

// Actions against the sandbox, in a namespace of this file's own, so no other test's estate moves.
const kubeconfig = inject('sandboxKubeconfig');
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const policy = kc.makeApiClient(PolicyV1Api);
const ns = uniqueName('provider-actions');
const provider = sandboxProvider(kubeconfig);
const scope = provider.scopes()[0]!;
const widgetKind = 'test.simian.dev/v1/Widget';

const ref = (kind: string, name: string, namespace = ns) =>
  `k8s:${scope}/${namespace}/${kind}/${name}`;
let seq = 0;
function action(verb: string, resourceRef: string, params?: Record<string, unknown>): Action {
  const [, , namespace, kind, name] = /^k8s:(.+)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(resourceRef)!;
  return {
    id: `a${++seq}`,
    monkey: 'test',
    verb,
    resource: {
      ref: resourceRef,
      provider: 'kubernetes',
      kind: kind!,
      name: name!,
      namespace: namespace!,
      context: scope,
      labels: {},
    },
    reason: 'test',
    reversible: false,
    ...(params ? { params } : {}),
  };
}
const run = (a: Action, dryRun: boolean) => provider.execute(a, { dryRun, logger });

function deployment(name: string, replicas: number): V1Deployment {
  const labels = { app: name };
  return {
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'main', image: 'busybox:1.36.1' }] },
      },
    },
  };
}

async function podsOf(app: string): Promise<Resource[]> {
  return (await provider.list('Pod', scope, { labelSelector: `app=${app}` })).filter(
    (p) =>
      p.namespace === ns &&
      p.raw &&
      !(p.raw as { metadata: { deletionTimestamp?: string } }).metadata.deletionTimestamp,
  );
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await waitFor('the default ServiceAccount', async () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace: ns }).then(
      () => true,
      () => undefined,
    ),
  );
  await apps.createNamespacedDeployment({ namespace: ns, body: deployment('guarded', 2) });
  await apps.createNamespacedDeployment({ namespace: ns, body: deployment('free', 1) });
  await policy.createNamespacedPodDisruptionBudget({
    namespace: ns,
    body: {
      metadata: { name: 'guarded' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'guarded' } } },
    },
  });
  await kc
    .makeApiClient(ApiextensionsV1Api)
    .createCustomResourceDefinition({
      body: {
        metadata: { name: 'widgets.test.simian.dev' },
        spec: {
          group: 'test.simian.dev',
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true },
              },
            },
          ],
        },
      },
    })
    .catch((e: { code?: number }) => {
      if (e.code !== 409) throw e;
    });
  await waitFor('pods of both deployments', async () =>
    (await podsOf('guarded')).length === 2 && (await podsOf('free')).length === 1
      ? true
      : undefined,
  );
}, 120_000);

afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await kc
    .makeApiClient(ApiextensionsV1Api)
    .deleteCustomResourceDefinition({ name: 'widgets.test.simian.dev' })
    .catch(() => undefined);
  await provider.close();
});

describe('evict', () => {
  it('a PodDisruptionBudget that allows no disruption makes it a skip that names the budget', async () => {
    await waitFor('the budget to be computed', async () => {
      const pdb = await policy.readNamespacedPodDisruptionBudget({
        name: 'guarded',
        namespace: ns,
      });
      const s = pdb.status;
      return s &&
        s.observedGeneration === pdb.metadata?.generation &&
        s.currentHealthy === 2 &&
        s.disruptionsAllowed === 0
        ? true
        : undefined;
    });
    const [pod] = await podsOf('guarded');
    for (const dryRun of [true, false]) {
      const out = await run(action('evict', pod!.ref), dryRun);
      expect(out).toMatchObject({ skipped: true, pdb: 'guarded' });
      expect(String(out.reason)).toContain(`PodDisruptionBudget ${ns}/guarded`);
      expect(String(out.reason)).toContain(pod!.name);
    }
    expect(await provider.read(pod!.ref)).toBeDefined();
  });

  it('evicts when nothing forbids it; dry-run leaves the pod alone', async () => {
    const [pod] = await podsOf('free');
    const uid = (pod!.raw as { metadata: { uid: string } }).metadata.uid;
    expect(await run(action('evict', pod!.ref), true)).toEqual({ evicted: true });
    const after = await provider.read(pod!.ref);
    expect(
      (after?.raw as { metadata: { uid: string; deletionTimestamp?: string } }).metadata,
    ).toMatchObject({ uid });
    expect(
      (after?.raw as { metadata: { deletionTimestamp?: string } }).metadata.deletionTimestamp,
    ).toBeUndefined();

    expect(await run(action('evict', pod!.ref), false)).toEqual({ evicted: true });
    await waitFor('the evicted pod to go', async () =>
      (await provider.read(pod!.ref)) === undefined ? true : undefined,
    );
    // Its ReplicaSet replaces it: the controller-manager is real.
    await waitFor('a replacement', async () =>
      (await podsOf('free')).length === 1 ? true : undefined,
    );
  });
});

describe('delete', () => {
  it('dry-run keeps the object; a real delete removes it; a second one finds it gone', async () => {
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'doomed' }, data: { a: '1' } },
    });
    const target = ref('ConfigMap', 'doomed');
    expect(await run(action('delete', target), true)).toMatchObject({
      deleted: true,
      propagationPolicy: 'Background',
    });
    expect(await provider.read(target)).toBeDefined();
    expect(
      await run(
        action('delete', target, { propagationPolicy: 'Foreground', gracePeriodSeconds: 0 }),
        false,
      ),
    ).toMatchObject({ deleted: true });
    await waitFor('the ConfigMap to go', async () =>
      (await provider.read(target)) === undefined ? true : undefined,
    );
    expect(await run(action('delete', target), false)).toEqual({
      deleted: false,
      alreadyGone: true,
    });
  });
});

describe('mark and unmark', () => {
  it('write marks as annotations, read back as Resource.marks; dry-run changes nothing', async () => {
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'marked', labels: { keep: 'yes' } } },
    });
    const target = ref('ConfigMap', 'marked');
    const marks = {
      'janitor.simian.dev/marked-at': '2026-11-23T00:00:00Z',
      'janitor.simian.dev/rule': 'K8S-JAN-001',
    };

    const preview = await run(action('mark', target, { marks }), true);
    expect(preview).toMatchObject({ annotations: marks, labels: { keep: 'yes' } });
    expect((await provider.read(target))?.annotations).toEqual({});
    expect((await provider.read(target))?.marks).toEqual({});

    await run(action('mark', target, { marks }), false);
    const marked = await provider.read(target);
    expect(marked?.annotations).toEqual(marks);
    expect(marked?.marks).toEqual(marks);
    expect(marked?.labels).toEqual({ keep: 'yes' });
    const listed = (await provider.list('ConfigMap', scope, { namespace: ns })).find(
      (r) => r.name === 'marked',
    );
    expect(listed?.marks).toEqual(marks);

    await run(action('unmark', target, { keys: Object.keys(marks) }), true);
    expect((await provider.read(target))?.marks).toEqual(marks);
    await run(action('unmark', target, { keys: Object.keys(marks) }), false);
    const unmarked = await provider.read(target);
    expect(unmarked?.annotations).toEqual({});
    expect(unmarked?.marks).toEqual({});
    expect(unmarked?.labels).toEqual({ keep: 'yes' });
  });

  it('take only the one param shape: { marks } and { keys }', async () => {
    const target = ref('ConfigMap', 'marked');
    await expect(
      run(action('mark', target, { annotations: { 'janitor.simian.dev/rule': 'x' } }), true),
    ).rejects.toThrow(/annotations/);
    await expect(
      run(action('unmark', target, { keys: ['janitor.simian.dev/rule'], from: 'labels' }), true),
    ).rejects.toThrow(/from/);
  });
});

describe('scale', () => {
  it('sets replicas through the scale subresource; dry-run changes nothing', async () => {
    const target = ref('Deployment', 'free');
    const replicas = async () =>
      ((await provider.read(target))?.raw as { spec: { replicas: number } }).spec.replicas;
    expect(await run(action('scale', target, { replicas: 2 }), true)).toEqual({ from: 1, to: 2 });
    expect(await replicas()).toBe(1);
    expect(await run(action('scale', target, { replicas: 2 }), false)).toEqual({ from: 1, to: 2 });
    expect(await replicas()).toBe(2);
    await run(action('scale', target, { replicas: 1 }), false);
  });
});

describe('kill-container', () => {
  it('adds an ephemeral container that signals PID 1 of the target container (kwok never runs it)', async () => {
    const [pod] = await podsOf('guarded');
    const ephemeral = async () =>
      (
        (await provider.read(pod!.ref))?.raw as {
          spec: { ephemeralContainers?: Array<Record<string, unknown>> };
        }
      ).spec.ephemeralContainers ?? [];
    const preview = await run(action('kill-container', pod!.ref), true);
    expect(preview).toMatchObject({ targetContainer: 'main', signal: 'TERM' });
    expect(await ephemeral()).toEqual([]);

    const out = await run(action('kill-container', pod!.ref, { signal: 'SIGINT' }), false);
    const added = (await ephemeral()).find((c) => c.name === out.ephemeralContainer);
    expect(added).toMatchObject({ command: ['kill', '-INT', '1'], targetContainerName: 'main' });
  });

  it('names the containers when asked for one the pod lacks', async () => {
    const [pod] = await podsOf('guarded');
    await expect(
      run(action('kill-container', pod!.ref, { container: 'sidecar' }), true),
    ).rejects.toThrow(/has no container "sidecar"/);
  });
});

describe('custom resources', () => {
  it('lists, creates and deletes a custom kind found by discovery', async () => {
    await waitFor('the Widget CRD to be served', async () =>
      provider.list(widgetKind, scope).then(
        () => true,
        () => undefined,
      ),
    );
    const target = ref('Widget.v1.test.simian.dev', 'w1');
    const object = { spec: { size: 3 } };
    expect(await run(action('create', target, { object }), true)).toMatchObject({
      created: target,
    });
    expect(await provider.read(target)).toBeUndefined();

    await run(action('create', target, { object }), false);
    const created = await provider.read(target);
    expect(created).toMatchObject({
      kind: widgetKind,
      name: 'w1',
      namespace: ns,
      raw: { apiVersion: 'test.simian.dev/v1', kind: 'Widget', spec: { size: 3 } },
    });
    expect((await provider.list(widgetKind, scope)).map((r) => r.ref)).toContain(target);

    await run(action('delete', target), false);
    await waitFor('the Widget to go', async () =>
      (await provider.read(target)) === undefined ? true : undefined,
    );
  });

  it('refuses an object that contradicts its ref', async () => {
    const target = ref('Widget.v1.test.simian.dev', 'w2');
    await expect(
      run(action('create', target, { object: { metadata: { name: 'other' } } }), true),
    ).rejects.toThrow(/metadata.name is "other" but the action's ref says "w2"/);
  });
});

describe('refusals', () => {
  it('invalid params, a verb that does not fit the kind, and a namespace outside the target', async () => {
    const target = ref('Deployment', 'free');
    await expect(run(action('scale', target, { replicas: -1 }), true)).rejects.toThrow(
      /params.replicas/,
    );
    await expect(run(action('evict', target), true)).rejects.toThrow(
      /"evict" does not apply to Deployment/,
    );
    const fenced = sandboxProvider(kubeconfig, { namespaces: { exclude: [ns] } });
    try {
      await expect(
        fenced.execute(action('delete', target), { dryRun: true, logger }),
      ).rejects.toBeInstanceOf(ActionFailedError);
    } finally {
      await fenced.close();
    }
  });
});
