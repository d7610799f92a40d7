// The janitor against the sandbox's real kube-apiserver, controllers and kwok nodes: every
// Kubernetes rule finds its unused resource and keeps its used twin; the whole lifecycle runs for
// real with a short grace (first seen, marked and the owner told through a webhook, removed after
// grace); a twin that becomes used during grace is unmarked and kept; kube-janitor's annotations
// and a rules file work as kube-janitor documents them. Everything lives in a namespace (and
// cluster-scoped volumes) of this file's own, opted in by a label only this file uses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchV1Api, CoreV1Api, AppsV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { Store, type Finding, type RunResult } from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { ALWAYS, uniqueName, waitFor } from '@simian/testing/sandbox';
import { silentLogger } from '@simian/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JANITOR_MARKS } from '../src/index.js';
import { config, janitorOf, runJanitor, sleepUntil, webhookReceiver } from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const batch = kc.makeApiClient(BatchV1Api);

const ns = uniqueName('janitor');
const empty = `${ns}-empty`;
const OPT_IN = `janitor-test.simian.dev/${ns}`;
const labels = { [OPT_IN]: 'true', owner: `team-${ns}` };
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: ns,
  labels,
  ...extra,
});
const store = new Store(':memory:');
let hook: Awaited<ReturnType<typeof webhookReceiver>>;
let rulesDir: string;

const container = (extra: Record<string, unknown> = {}) => ({
  name: 'main',
  image: 'busybox:1.36.1',
  ...extra,
});

const simianYaml = (url: string) => `version: 1
safety:
  blastRadius: { maxActionsPerRun: 100 }
reporting:
  webhooks: [{ url: ${JSON.stringify(url)} }]
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [${ns}, ${empty}] }
monkeys:
  janitor:
    enabled: true
    dryRun: false
    schedule: { windows: ${ALWAYS}, minTimeBetweenActions: 0s }
    safety: { optInLabel: ${JSON.stringify(OPT_IN)} }
    gracePeriod: 3s
    rules:
      k8s-finished-job: { after: 0s }
      k8s-finished-pod: { after: 0s }
      k8s-unused-configmap: { after: 0s }
      k8s-unused-secret: { after: 0s }
      k8s-unused-pvc: { after: 0s }
      k8s-released-pv: { after: 0s }
      k8s-service-without-pods: { after: 0s }
      k8s-empty-namespace: { after: 0s }
      k8s-rules-file: { file: ${join(rulesDir, 'rules.yaml')} }
`;

async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return false;
    throw error;
  }
}

const ours = (r: RunResult) =>
  janitorOf(r).gated.findings.filter((f) => f.resource.ref.includes(ns));
const byName = (findings: Finding[]) =>
  findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name}`).sort();

beforeAll(async () => {
  hook = await webhookReceiver();
  rulesDir = mkdtempSync(join(tmpdir(), 'janitor-rules-'));
  // The README's rule for unused PVCs, and a rule that matches nothing here.
  writeFileSync(
    join(rulesDir, 'rules.yaml'),
    `rules:
  - id: remove-unused-pvcs
    resources: [persistentvolumeclaims]
    jmespath: "_context.pvc_is_not_mounted && _context.pvc_is_not_referenced"
    ttl: 1s
  - id: temporary-pr-deployments
    resources: [deployments]
    jmespath: "starts_with(metadata.name, 'pr-')"
    ttl: 4h
`,
  );
  for (const name of [ns, empty]) {
    await core.createNamespace({ body: { metadata: { name, labels } } });
  }
  await waitFor('the default ServiceAccount', async () =>
    (await exists(() => core.readNamespacedServiceAccount({ namespace: ns, name: 'default' })))
      ? true
      : undefined,
  );
  for (const name of ['unused-cm', 'used-cm', 'twin-cm', 'expired-cm', 'forever-cm']) {
    const annotations =
      name === 'expired-cm'
        ? { 'janitor/expires': '2020-01-01' }
        : name === 'forever-cm'
          ? { 'janitor/ttl': 'forever' }
          : {};
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: meta(name, { annotations }), data: { a: '1' } },
    });
  }
  for (const name of ['unused-secret', 'used-secret']) {
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: meta(name), stringData: { token: 'not-a-secret' } },
    });
  }
  // Storage: a free volume for each claim, and one whose claim is gone (Released).
  const pv = (name: string, claimRef?: Record<string, string>) => ({
    metadata: { name, labels },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'manual',
      hostPath: { path: `/var/lib/simian-sandbox/${name}` },
      ...(claimRef ? { claimRef } : {}),
    },
  });
  await core.createPersistentVolume({ body: pv(`${ns}-free`) });
  await core.createPersistentVolume({ body: pv(`${ns}-used`) });
  await core.createPersistentVolume({
    body: pv(`${ns}-released`, {
      namespace: ns,
      name: 'gone',
      uid: '6b1bd0ad-5b3a-4b2a-9f00-000000000001',
    }),
  });
  for (const [name, volume] of [
    ['unused-claim', `${ns}-free`],
    ['used-claim', `${ns}-used`],
  ] as const) {
    await core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: meta(name),
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'manual',
          volumeName: volume,
          resources: { requests: { storage: '1Gi' } },
        },
      },
    });
  }
  // The used twins: a Deployment whose pods mount used-cm and used-claim's neighbour, read used-secret.
  await apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: meta('web'),
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { ...labels, app: 'web' } },
          spec: {
            containers: [container({ envFrom: [{ secretRef: { name: 'used-secret' } }] })],
            volumes: [{ name: 'config', configMap: { name: 'used-cm' } }],
          },
        },
      },
    },
  });
  await core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: meta('db', { labels: { ...labels, app: 'db' } }),
      spec: {
        containers: [container()],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'used-claim' } }],
      },
    },
  });
  for (const [name, app] of [
    ['orphan-svc', 'nothing-runs-this'],
    ['web-svc', 'web'],
  ] as const) {
    await core.createNamespacedService({
      namespace: ns,
      body: { metadata: meta(name), spec: { selector: { app }, ports: [{ port: 80 }] } },
    });
  }
  // Jobs: one finished that nothing cleans, one Kubernetes' TTL controller will take care of.
  for (const [name, ttl] of [
    ['done-job', undefined],
    ['ttl-job', 3600],
  ] as const) {
    await batch.createNamespacedJob({
      namespace: ns,
      body: {
        metadata: meta(name),
        spec: {
          ...(ttl ? { ttlSecondsAfterFinished: ttl } : {}),
          template: {
            metadata: { labels },
            spec: { restartPolicy: 'Never', containers: [container()] },
          },
        },
      },
    });
  }
  // Bare pods: one that ran and finished (its status written as a kubelet would), one that runs.
  for (const name of ['finished-pod', 'running-pod']) {
    await core.createNamespacedPod({
      namespace: ns,
      body: { metadata: meta(name), spec: { restartPolicy: 'Never', containers: [container()] } },
    });
  }
  await waitFor('pods running', async () => {
    const pods = (await core.listNamespacedPod({ namespace: ns })).items;
    const running = (n: string) =>
      pods.some((p: V1Pod) => p.metadata?.name?.startsWith(n) && p.status?.phase === 'Running');
    return running('finished-pod') && running('running-pod') && running('db') && running('web')
      ? true
      : undefined;
  });
  const finished = await core.readNamespacedPodStatus({ namespace: ns, name: 'finished-pod' });
  const now = new Date().toISOString();
  finished.status = {
    ...finished.status,
    phase: 'Succeeded',
    conditions: [{ type: 'Ready', status: 'False' }],
    containerStatuses: [
      {
        name: 'main',
        image: 'busybox:1.36.1',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: new Date(now),
            finishedAt: new Date(now),
          },
        },
      },
    ],
  };
  await core.replaceNamespacedPodStatus({ namespace: ns, name: 'finished-pod', body: finished });
  // kube-janitor's annotation on a Deployment, with a TTL that has passed by the first run.
  await apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: meta('temp-nginx', { annotations: { 'janitor/ttl': '1s' } }),
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'temp-nginx' } },
        template: {
          metadata: { labels: { app: 'temp-nginx' } },
          spec: { containers: [container()] },
        },
      },
    },
  });
  await waitFor('done-job finished, claims bound, released-pv Released', async () => {
    const job = await batch.readNamespacedJob({ namespace: ns, name: 'done-job' });
    const complete = job.status?.conditions?.some(
      (c) => c.type === 'Complete' && c.status === 'True',
    );
    const claims = (await core.listNamespacedPersistentVolumeClaim({ namespace: ns })).items;
    const bound = claims.every((c) => c.status?.phase === 'Bound');
    const released =
      (await core.readPersistentVolume({ name: `${ns}-released` })).status?.phase === 'Released';
    const done =
      (await core.readNamespacedPod({ namespace: ns, name: 'finished-pod' })).status?.phase ===
      'Succeeded';
    return complete && bound && released && done ? true : undefined;
  });
});

afterAll(async () => {
  await hook?.close();
  for (const name of [ns, empty]) await core.deleteNamespace({ name }).catch(() => undefined);
  for (const name of ['free', 'used', 'released']) {
    await core.deletePersistentVolume({ name: `${ns}-${name}` }).catch(() => undefined);
  }
  store.close();
});

describe('the janitor on Kubernetes', () => {
  it('fills the views it reads from the live objects', async () => {
    const provider = kubernetesProvider.create(
      kubernetesProvider.targetSchema.parse([{ kubeconfig, namespaces: { include: [ns] } }]),
      { logger: silentLogger(), configDir: '/tmp' },
    );
    const scope = provider.scopes()[0]!;
    const pods = await provider.list('Pod', scope);
    const db = pods.find((p) => p.name === 'db')!;
    expect(db.views?.podSpec).toMatchObject({ claims: ['used-claim'], serviceAccount: 'default' });
    const finished = pods.find((p) => p.name === 'finished-pod')!;
    expect(finished.views?.pod).toMatchObject({ phase: 'Succeeded' });
    expect(finished.views?.pod?.finishedAt).toBeDefined();
    const web = (await provider.list('Deployment', scope)).find((d) => d.name === 'web')!;
    expect(web.views?.podSpec).toMatchObject({ configMaps: ['used-cm'], secrets: ['used-secret'] });
    const job = (await provider.list('Job', scope)).find((j) => j.name === 'done-job')!;
    expect(job.views?.job).toMatchObject({ finished: 'Complete' });
    const released = (await provider.list('PersistentVolume', scope)).find(
      (v) => v.name === `${ns}-released`,
    )!;
    expect(released.views?.persistentVolume).toMatchObject({
      phase: 'Released',
      reclaimPolicy: 'Retain',
      claim: { namespace: ns, name: 'gone' },
      capacityBytes: 2 ** 30,
      source: 'hostPath',
    });
    expect(released.views?.persistentVolume?.phaseSince).toBeDefined();
    const claim = (await provider.list('PersistentVolumeClaim', scope)).find(
      (c) => c.name === 'used-claim',
    )!;
    expect(claim.views?.volumeClaim).toMatchObject({ phase: 'Bound', volumeName: `${ns}-used` });
    const svc = (await provider.list('Service', scope)).find((s) => s.name === 'web-svc')!;
    // The Service view is shared with the security and latency monkeys: the janitor reads the
    // type and selector; the API server gave it a cluster address and its port.
    expect(svc.views?.service).toMatchObject({
      type: 'ClusterIP',
      selector: { app: 'web' },
      loadBalancer: [],
      externalIPs: [],
    });
    expect(svc.views?.service?.clusterIP).toBeDefined();
    const secret = (await provider.list('Secret', scope)).find((s) => s.name === 'used-secret')!;
    expect(secret.views?.secret).toEqual({ type: 'Opaque' });
    await provider.close?.();
  });

  it('runs the lifecycle: first seen, marked and told, removed after grace; a twin used meanwhile is kept', async () => {
    const c = config(simianYaml(hook.url));
    // Run 1: what the API dates is marked at once; what it does not is first seen now.
    const first = await runJanitor(c, store);
    expect(janitorOf(first).error).toBeUndefined();
    expect(byName(ours(first))).toEqual([
      'k8s-finished-job Job/done-job',
      'k8s-finished-pod Pod/finished-pod',
      'k8s-released-pv PersistentVolume/' + `${ns}-released`,
      'k8s-rules-file:remove-unused-pvcs PersistentVolumeClaim/unused-claim',
      'k8s-ttl ConfigMap/expired-cm',
      'k8s-ttl Deployment/temp-nginx',
      // Reported, and waived: the owner said never.
      'k8s-unused-configmap ConfigMap/forever-cm',
    ]);
    const seen = janitorOf(first).outcomes.filter((o) =>
      o.action.id.startsWith('janitor:first-seen:'),
    );
    expect(seen.map((o) => [o.action.resource.name, o.status]).sort()).toEqual(
      [
        ['expired-cm', 'succeeded'],
        ['twin-cm', 'succeeded'],
        ['unused-claim', 'succeeded'],
        ['unused-cm', 'succeeded'],
        ['unused-secret', 'succeeded'],
        ['orphan-svc', 'succeeded'],
        [empty, 'succeeded'],
      ].sort(),
    );
    const unused = await core.readNamespacedConfigMap({ namespace: ns, name: 'unused-cm' });
    expect(unused.metadata?.annotations?.[JANITOR_MARKS.firstSeen!]).toBeDefined();

    // Run 2: every unused resource is marked now; the used twins are kept, each with its reason.
    const second = await runJanitor(c, store);
    const found = byName(ours(second));
    for (const f of [
      'k8s-unused-configmap ConfigMap/unused-cm',
      'k8s-unused-configmap ConfigMap/twin-cm',
      'k8s-unused-secret Secret/unused-secret',
      'k8s-unused-pvc PersistentVolumeClaim/unused-claim',
      'k8s-service-without-pods Service/orphan-svc',
      `k8s-empty-namespace Namespace/${empty}`,
    ]) {
      expect(found).toContain(f);
    }
    expect(
      found.filter(
        (f) =>
          /used-cm|used-secret|used-claim|web-svc|running-pod|ttl-job/.test(f) && !/unused/.test(f),
      ),
    ).toEqual([]);
    expect(ours(second).find((f) => f.resource.name === 'forever-cm')?.waiver?.reason).toBe(
      'janitor/ttl: forever',
    );
    const notes = (janitorOf(second).gated.notes ?? []).join('\n');
    expect(notes).toMatch(
      new RegExp(`ConfigMap used-cm \\(${ns}\\): referenced by [^;]*Deployment web`),
    );
    expect(notes).toMatch(
      new RegExp(`Secret used-secret \\(${ns}\\): referenced by [^;]*Deployment web`),
    );
    expect(notes).toContain(`PersistentVolumeClaim used-claim (${ns}): mounted by Pod db`);
    expect(notes).toContain(`Service web-svc (${ns}): selects Pod web-`);
    expect(notes).toContain(`Job ttl-job (${ns}): Kubernetes deletes it 3600s after it finished`);
    expect(notes).toContain(`Namespace ${ns}: holds `);
    expect(notes).toMatch(/estimated monthly cost of what the janitor found unused: [\d.]+ USD/);
    const evidence = ours(second).find((f) => f.ruleId === 'k8s-unused-pvc')!.evidence!;
    expect(evidence).toMatchObject({ volume: `${ns}-free`, reclaimPolicy: 'Retain' });
    const marked = await core.readNamespacedConfigMap({ namespace: ns, name: 'twin-cm' });
    const deadline = new Date(marked.metadata!.annotations![JANITOR_MARKS.deleteAfter]!);
    // During grace, a pod starts using twin-cm.
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: meta('late'),
        spec: { containers: [container({ envFrom: [{ configMapRef: { name: 'twin-cm' } }] })] },
      },
    });
    await sleepUntil(deadline);

    // Run 3: the unused are removed, the twin is unmarked and stays. What fell due before (the
    // TTLs that had passed, the API-dated ones if run 2 came after their grace) went in run 2.
    const third = await runJanitor(c, store);
    const outcomes = [second, third].flatMap((r) =>
      janitorOf(r).outcomes.filter((o) => o.action.resource.ref.includes(ns)),
    );
    const did = outcomes.map((o) => `${o.action.verb} ${o.action.resource.name} ${o.status}`);
    for (const d of [
      'delete unused-cm succeeded',
      'delete unused-secret succeeded',
      'delete unused-claim succeeded',
      'delete orphan-svc succeeded',
      'delete done-job succeeded',
      'delete finished-pod succeeded',
      'delete expired-cm succeeded',
      'delete temp-nginx succeeded',
      `delete ${ns}-released succeeded`,
      `delete ${empty} succeeded`,
      'unmark twin-cm succeeded',
    ]) {
      expect(did).toContain(d);
    }
    const deleted = did.filter((d) => d.startsWith('delete')).map((d) => d.split(' ')[1]!);
    for (const kept of [
      'used-cm',
      'used-secret',
      'used-claim',
      'web-svc',
      'running-pod',
      'forever-cm',
      'ttl-job',
      'twin-cm',
      'web',
      'db',
    ]) {
      expect(deleted).not.toContain(kept);
    }
    expect(
      await exists(() => core.readNamespacedConfigMap({ namespace: ns, name: 'unused-cm' })),
    ).toBe(false);
    expect(await exists(() => core.readPersistentVolume({ name: `${ns}-released` }))).toBe(false);
    for (const [read, what] of [
      [() => core.readNamespacedConfigMap({ namespace: ns, name: 'used-cm' }), 'used-cm'],
      [() => core.readNamespacedSecret({ namespace: ns, name: 'used-secret' }), 'used-secret'],
      [
        () => core.readNamespacedPersistentVolumeClaim({ namespace: ns, name: 'used-claim' }),
        'used-claim',
      ],
      [() => core.readNamespacedService({ namespace: ns, name: 'web-svc' }), 'web-svc'],
      [() => core.readNamespacedPod({ namespace: ns, name: 'running-pod' }), 'running-pod'],
      [() => core.readNamespacedConfigMap({ namespace: ns, name: 'forever-cm' }), 'forever-cm'],
    ] as const) {
      expect(await exists(read), what).toBe(true);
    }
    const twin = await core.readNamespacedConfigMap({ namespace: ns, name: 'twin-cm' });
    expect(
      Object.keys(twin.metadata?.annotations ?? {}).filter((k) =>
        k.startsWith('janitor.simian.dev/'),
      ),
    ).toEqual([]);

    // The owner heard of each mark, each removal and the unmark, through the webhook.
    const told = hook.events.filter((e) => e.subject.includes(ns));
    const kinds = (type: string) =>
      told.filter((e) => e.type === type).map((e) => e.subject.split('/').pop());
    expect(kinds('marked')).toEqual(
      expect.arrayContaining(['unused-cm', 'twin-cm', 'unused-claim']),
    );
    expect(kinds('removed')).toEqual(
      expect.arrayContaining(['unused-cm', 'unused-claim', 'orphan-svc']),
    );
    // A Deployment copies its annotations to its ReplicaSets, the janitor's marks too: those come off.
    expect(kinds('unmarked').filter((n) => !n?.startsWith('temp-nginx-'))).toEqual(['twin-cm']);
    expect(told.find((e) => e.type === 'marked')!.owners).toEqual([`team-${ns}`]);
    expect(told.every((e) => e.dryRun === false && e.monkey === 'janitor')).toBe(true);
  });
});
