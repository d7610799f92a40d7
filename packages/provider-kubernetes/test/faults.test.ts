// Every fault backend of the Kubernetes provider against the sandbox's real API server and real
// CRDs (Chaos Mesh, Istio; no controllers): inject-fault creates or changes the object with the
// stamp, listFaults finds it, remove-fault undoes it from the ref alone. kwok runs no
// containers, so the netem fault is checked as the object and command the API server accepts.
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { FAULT_ACTIVE_KEY, type Action, type FaultStamp } from '@simian/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { logger, sandboxProvider, uniqueName } from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const ns = uniqueName('provider-faults');
const guarded = uniqueName('provider-faults-baseline');
const provider = sandboxProvider(kubeconfig);
const scope = provider.scopes()[0]!;

const NETWORK_CHAOS = 'NetworkChaos.v1alpha1.chaos-mesh.org';
const VIRTUAL_SERVICE = 'VirtualService.v1.networking.istio.io';
const kindOf: Record<string, string> = {
  [NETWORK_CHAOS]: 'chaos-mesh.org/v1alpha1/NetworkChaos',
  [VIRTUAL_SERVICE]: 'networking.istio.io/v1/VirtualService',
};
const ref = (refKind: string, name: string, namespace = ns) =>
  `k8s:${scope}/${namespace}/${refKind}/${name}`;

let seq = 0;
function faultAction(
  verb: 'inject-fault' | 'remove-fault',
  refKind: string,
  name: string,
  fault: Record<string, unknown>,
  namespace = ns,
): Action {
  return {
    id: `fault-${++seq}`,
    monkey: 'test',
    verb,
    resource: {
      ref: ref(refKind, name, namespace),
      provider: 'kubernetes',
      kind: kindOf[refKind] ?? refKind,
      name,
      namespace,
      context: scope,
      labels: {},
    },
    reason: 'test',
    reversible: verb === 'inject-fault',
    params: { fault },
  };
}
const stamp = (seconds = 120): FaultStamp => ({
  expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
  runId: 'run-faults-test',
  monkey: 'test',
  actionId: `act-${seq}`,
  injectedAt: new Date().toISOString(),
});
const inject_ = (a: Action, s = stamp(), dryRun = false) =>
  provider.execute(a, { dryRun, logger, fault: s });
const remove = (a: Action) =>
  provider.execute({ ...a, verb: 'remove-fault' }, { dryRun: false, logger });
const faultsHere = async () =>
  (await provider.listFaults(scope))
    .filter((f) => f.namespace === ns)
    .map((f) => f.ref)
    .sort();

const readCustom = (plural: string, group: string, version: string, name: string) =>
  custom
    .getNamespacedCustomObject({ group, version, plural, namespace: ns, name })
    .then(
      (o) =>
        o as {
          metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
          spec: Record<string, unknown>;
        },
    )
    .catch(() => undefined);

async function runningPod(namespace: string, app: string): Promise<string> {
  for (let i = 0; i < 120; i++) {
    const pods = await core.listNamespacedPod({ namespace, labelSelector: `app=${app}` });
    const pod = pods.items.find((p) => p.status?.phase === 'Running');
    if (pod) return pod.metadata!.name!;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no running pod of ${app} in ${namespace}`);
}

async function deploy(namespace: string, app: string) {
  const labels = { app };
  await apps.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name: app, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'main', image: 'busybox:1.36.1' }] },
        },
      },
    },
  });
}

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await core.createNamespace({
    body: {
      metadata: { name: guarded, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
    },
  });
  await deploy(ns, 'middle');
  await deploy(guarded, 'middle');
}, 60_000);
afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await core.deleteNamespace({ name: guarded }).catch(() => undefined);
  await provider.close();
});

describe('Kubernetes fault backends on the real API server', () => {
  it('NetworkChaos: created with the stamp and a Chaos Mesh duration ending at the expiry; removed by deleting it', async () => {
    const a = faultAction('inject-fault', NETWORK_CHAOS, 'middle-delay', {
      object: {
        spec: {
          action: 'delay',
          mode: 'all',
          selector: { namespaces: [ns], labelSelectors: { app: 'middle' } },
          delay: { latency: '1500ms', jitter: '150ms', correlation: '25' },
        },
      },
    });
    const out = await inject_(a, stamp(90));
    expect(out).toMatchObject({
      created: a.resource.ref,
      chaosMeshDuration: expect.stringMatching(/^(89|90)s$/),
    });
    const chaos = await readCustom('networkchaos', 'chaos-mesh.org', 'v1alpha1', 'middle-delay');
    expect(chaos?.spec).toMatchObject({
      duration: out.chaosMeshDuration,
      delay: { latency: '1500ms' },
    });
    expect(chaos?.metadata.labels?.[FAULT_ACTIVE_KEY]).toBe('true');
    expect(chaos?.metadata.annotations).toMatchObject({
      'faults.simian.dev/run': 'run-faults-test',
      'faults.simian.dev/recovery': 'delete',
    });
    expect(await faultsHere()).toEqual([a.resource.ref]);

    expect(await remove(a)).toMatchObject({ removed: true, deleted: true });
    expect(
      await readCustom('networkchaos', 'chaos-mesh.org', 'v1alpha1', 'middle-delay'),
    ).toBeUndefined();
    expect(await faultsHere()).toEqual([]);
    expect(await remove(a)).toEqual({ removed: false, alreadyGone: true });
  });

  it('NetworkChaos: the real schema refuses a fault Chaos Mesh could not run, and nothing is left', async () => {
    const a = faultAction('inject-fault', NETWORK_CHAOS, 'no-mode', {
      object: {
        spec: { action: 'delay', selector: { namespaces: [ns] }, delay: { latency: '1s' } },
      },
    });
    await expect(inject_(a)).rejects.toThrow(
      /refused to create .*networkchaos .*as invalid.*spec.mode/,
    );
    expect(await faultsHere()).toEqual([]);
  });

  it('VirtualService: the fault goes on the routes to the service; removing it restores the spec exactly', async () => {
    const spec = {
      hosts: ['middle'],
      http: [
        {
          match: [{ uri: { prefix: '/api' } }],
          route: [{ destination: { host: 'middle', port: { number: 80 } }, weight: 100 }],
          timeout: '3s',
        },
        { route: [{ destination: { host: 'back.other.svc.cluster.local' } }] },
      ],
    };
    await custom.createNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace: ns,
      plural: 'virtualservices',
      body: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'middle' },
        spec,
      },
    });
    const a = faultAction('inject-fault', VIRTUAL_SERVICE, 'middle', {
      httpFault: { host: 'middle', delay: { fixedDelayMs: 1500, percent: 100 } },
    });
    expect(await inject_(a)).toMatchObject({ faultedRoutes: 1, routes: 2 });
    const faulted = await readCustom('virtualservices', 'networking.istio.io', 'v1', 'middle');
    const http = faulted!.spec.http as Array<Record<string, unknown>>;
    expect(http[0]!.fault).toEqual({ delay: { fixedDelay: '1500ms', percentage: { value: 100 } } });
    expect(http[1]!.fault).toBeUndefined();
    expect(JSON.parse(faulted!.metadata.annotations!['faults.simian.dev/previous-http']!)).toEqual(
      spec.http,
    );
    expect(await faultsHere()).toEqual([a.resource.ref]);
    await expect(inject_(a)).rejects.toThrow(/already carries a Simian fault/);

    expect(await remove(a)).toEqual({ removed: true, restored: 'routes as they were' });
    const restored = await readCustom('virtualservices', 'networking.istio.io', 'v1', 'middle');
    expect(restored!.spec).toEqual(spec);
    expect(
      Object.keys({ ...restored!.metadata.labels, ...restored!.metadata.annotations }).filter((k) =>
        k.startsWith('faults.simian.dev/'),
      ),
    ).toEqual([]);
    expect(await faultsHere()).toEqual([]);
  });

  it("VirtualService: a change made during the fault is kept; only Simian's fault comes off", async () => {
    const a = faultAction('inject-fault', VIRTUAL_SERVICE, 'middle', {
      httpFault: { abort: { httpStatus: 503, percent: 50 } },
    });
    expect(await inject_(a)).toMatchObject({ faultedRoutes: 2 });
    const during = await readCustom('virtualservices', 'networking.istio.io', 'v1', 'middle');
    const http = during!.spec.http as Array<Record<string, unknown>>;
    // Someone (a GitOps sync) changes the second route's timeout meanwhile.
    await custom.patchNamespacedCustomObject(
      {
        group: 'networking.istio.io',
        version: 'v1',
        namespace: ns,
        plural: 'virtualservices',
        name: 'middle',
        body: { spec: { http: [http[0], { ...http[1], timeout: '9s' }] } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(await remove(a)).toMatchObject({ removed: true, restored: 'fault only' });
    const after = (await readCustom('virtualservices', 'networking.istio.io', 'v1', 'middle'))!.spec
      .http as Array<Record<string, unknown>>;
    expect(after.map((r) => r.fault)).toEqual([undefined, undefined]);
    expect(after[1]!.timeout).toBe('9s');
  });

  it('VirtualService of its own and a deny NetworkPolicy: created stamped, removed by deleting', async () => {
    const vs = faultAction('inject-fault', VIRTUAL_SERVICE, 'simian-latency-back', {
      object: {
        spec: {
          hosts: ['back'],
          http: [
            {
              fault: { delay: { fixedDelay: '200ms', percentage: { value: 100 } } },
              route: [{ destination: { host: 'back' } }],
            },
          ],
        },
      },
    });
    const deny = faultAction('inject-fault', 'NetworkPolicy', 'simian-deny-back', {
      object: {
        spec: {
          podSelector: { matchLabels: { app: 'back' } },
          policyTypes: ['Ingress'],
          ingress: [],
        },
      },
    });
    await inject_(vs);
    await inject_(deny);
    expect(await faultsHere()).toEqual([deny.resource.ref, vs.resource.ref].sort());
    await remove(vs);
    await remove(deny);
    expect(await faultsHere()).toEqual([]);
  });

  it('netem: an ephemeral container with NET_ADMIN only, whose command injects, waits for the expiry and removes; the pod is stamped', async () => {
    const pod = await runningPod(ns, 'middle');
    const a = faultAction('inject-fault', 'Pod', pod, {
      netem: {
        delayMs: 1500,
        jitterMs: 150,
        correlationPercent: 25,
        image: 'nicolaka/netshoot:v0.13',
      },
    });
    const s = stamp(60);
    const out = await inject_(a, s);
    expect(out).toMatchObject({
      ephemeralContainer: expect.stringMatching(/^simian-netem-[0-9a-f]{6}$/),
      qdisc: 'netem delay 1500ms 150ms 25% limit 24750',
    });
    const read = await core.readNamespacedPod({ name: pod, namespace: ns });
    const container = read.spec!.ephemeralContainers!.find(
      (c) => c.name === out.ephemeralContainer,
    )!;
    expect(container.securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      runAsUser: 0,
      runAsNonRoot: false,
      capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] },
    });
    expect(read.spec!.hostPID ?? false).toBe(false);
    expect(read.spec!.hostNetwork ?? false).toBe(false);
    const script = container.command![2]!;
    expect(container.command!.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(script).toContain(`END=${Math.floor(Date.parse(s.expiresAt) / 1000)}`);
    expect(script).toContain(`handle "$HANDLE": netem delay 1500ms 150ms 25% limit 24750`);
    expect(script).toContain('trap remove EXIT');
    expect(read.metadata!.labels![FAULT_ACTIVE_KEY]).toBe('true');
    expect(read.metadata!.annotations).toMatchObject({
      'faults.simian.dev/recovery': 'netem',
      'faults.simian.dev/netem-container': out.ephemeralContainer,
      'faults.simian.dev/expires-at': s.expiresAt,
    });
    expect(await faultsHere()).toEqual([a.resource.ref]);

    // kwok reports no container status, so the fault's own container is not known to have ended:
    // removal before the expiry adds a clearing container, then takes the stamp off.
    const removed = await remove(a);
    expect(removed).toMatchObject({
      removed: true,
      faultContainer: out.ephemeralContainer,
      clearingContainer: expect.stringMatching(/^simian-netem-clear-/),
    });
    const after = await core.readNamespacedPod({ name: pod, namespace: ns });
    const clear = after.spec!.ephemeralContainers!.find(
      (c) => c.name === removed.clearingContainer,
    )!;
    expect(clear.command![2]).toContain(`HANDLE=${String(out.qdiscHandle)}`);
    expect(clear.securityContext?.capabilities).toEqual({ drop: ['ALL'], add: ['NET_ADMIN'] });
    expect(
      Object.keys(after.metadata!.annotations ?? {}).filter((k) =>
        k.startsWith('faults.simian.dev/'),
      ),
    ).toEqual([]);
    expect(await faultsHere()).toEqual([]);
  });

  it('netem where Pod Security enforces baseline: refused by the real admission, explained, and nothing left on the pod', async () => {
    const pod = await runningPod(guarded, 'middle');
    const a = faultAction('inject-fault', 'Pod', pod, { netem: { delayMs: 100 } }, guarded);
    await expect(inject_(a)).rejects.toThrow(/Pod Security admission refused .*NET_ADMIN/s);
    const read = await core.readNamespacedPod({ name: pod, namespace: guarded });
    expect(read.spec!.ephemeralContainers ?? []).toEqual([]);
    expect(read.metadata!.labels![FAULT_ACTIVE_KEY]).toBeUndefined();
  });

  it('dry-run: the API server judges each fault, nothing is persisted', async () => {
    const a = faultAction('inject-fault', 'NetworkPolicy', 'simian-dry', {
      object: { spec: { podSelector: {}, policyTypes: ['Ingress'] } },
    });
    await inject_(a, stamp(), true);
    expect(await faultsHere()).toEqual([]);
  });
});
