// The seeds' Chaos Toolkit scenarios, end to end through the `simian` command against the sandbox
// (test/experiments/seeds/README.md says which is which).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  NetworkingV1Api,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ExperimentJournal } from '@simian/experiments';
import { simian } from '@simian/testing/cli';
import {
  createNamespace,
  kubeClients,
  uniqueName,
  livePods,
  waitFor,
  waitReady,
  workloadBody,
} from '@simian/testing/sandbox';

const repo = join(import.meta.dirname, '..', '..');
const seeds = join(import.meta.dirname, 'seeds');
const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const dir = mkdtempSync(join(tmpdir(), 'simian-seeds-'));
const toolchain = async (tool: string) => {
  const { stdout } = await promisify(execFile)('bash', [
    join(repo, 'packages/sandbox/toolchain/build.sh'),
    tool,
  ]);
  return new RegExp(`^${tool}=(.+)$`, 'm').exec(stdout)![1]!;
};

/** The environment of a machine with no kubeconfig and no simian.yaml: only what is given. */
const bare = (extra: Record<string, string>) => ({
  HOME: dir,
  KUBECONFIG: undefined,
  SIMIAN_CONFIG: undefined,
  ...extra,
});

async function runIn(
  cwd: string,
  file: string,
  env: Record<string, string | undefined>,
  extra: string[] = [],
) {
  const journalPath = join(dir, `${file}-${Date.now()}.json`);
  const r = await simian(
    ['experiment', 'run', join(seeds, file), '--journal-path', journalPath, ...extra],
    cwd,
    env,
  );
  let journal: ExperimentJournal | undefined;
  try {
    journal = JSON.parse(readFileSync(journalPath, 'utf8')) as ExperimentJournal;
  } catch {
    throw new Error(`no journal (exit ${r.code}):\n${r.stderr.slice(-2000)}`);
  }
  return { ...r, journal };
}

// The sandbox's API server and its admin client certificate, as files, the way minikube leaves them.
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const server = kc.getCurrentCluster()!.server;
const certFile = join(dir, 'client.crt');
const keyFile = join(dir, 'client.key');
writeFileSync(certFile, Buffer.from(kc.getCurrentUser()!.certData!, 'base64'));
writeFileSync(keyFile, Buffer.from(kc.getCurrentUser()!.keyData!, 'base64'), { mode: 0o600 });

describe('seed 001: the DevOps Toolkit book, terminating a pod on minikube', () => {
  const ns = 'go-demo-8';
  beforeAll(async () => {
    await createNamespace(k, ns).catch(() => undefined);
  });
  afterAll(async () => {
    await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
  });
  const env = bare({
    KUBERNETES_HOST: server,
    KUBERNETES_CERT_FILE: certFile,
    KUBERNETES_KEY_FILE: keyFile,
  });

  it('with KUBERNETES_HOST and the client certificate: a lone Pod is not recreated, so the run deviates', async () => {
    await k.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'go-demo-8', labels: { app: 'go-demo-8' } },
        spec: {
          containers: [{ name: 'main', image: 'vfarcic/go-demo-8' }],
          terminationGracePeriodSeconds: 0,
        },
      },
    });
    await waitFor(
      'the lone pod to run',
      async () =>
        (await livePods(k, ns, 'go-demo-8')).some((p) => p.status?.phase === 'Running') ||
        undefined,
    );
    const r = await runIn(dir, 'terminate-pod.yaml', env);
    expect(r.stderr).toContain(
      `reaching the cluster through KUBERNETES_HOST ${server} with KUBERNETES_CERT_FILE and KUBERNETES_KEY_FILE`,
    );
    expect(r.journal.status).toBe('completed');
    expect(r.journal.deviated).toBe(true);
    expect(r.journal.run[0]).toMatchObject({ status: 'succeeded', output: ['go-demo-8'] });
    expect(r.code).toBe(1);
  }, 120_000);

  it('with the same credentials: a Deployment recreates the pod, so the run passes', async () => {
    await k.apps.createNamespacedDeployment({ namespace: ns, body: workloadBody('go-demo-8', {}) });
    await waitReady(k, ns, 'go-demo-8', 1);
    const r = await runIn(dir, 'terminate-pod.yaml', env);
    expect(r.journal.steady_states.after?.steady_state_met).toBe(true);
    expect(r.journal.deviated).toBe(false);
    expect(r.code).toBe(0);
  }, 120_000);
});

describe('seed 002: random pod termination, as a CronJob runs it with a namespace-limited ServiceAccount', () => {
  const ns = 'go-app';
  let token: string;
  beforeAll(async () => {
    // The seed's namespace has a fixed name, which test/helm/chart.test.ts uses too (and leaves):
    // start from none, whichever file ran before in this sandbox.
    await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
    await waitFor(
      `namespace ${ns} to be gone`,
      () =>
        k.core.readNamespace({ name: ns }).then(
          () => undefined,
          () => true,
        ),
      120_000,
    );
    await createNamespace(k, ns);
    for (const [name, replicas] of [
      ['go-app', 2],
      ['go-app-db', 1],
    ] as const) {
      const body = workloadBody(name, {});
      await k.apps.createNamespacedDeployment({
        namespace: ns,
        body: { ...body, spec: { ...body.spec, replicas } },
      });
      await waitReady(k, ns, name, replicas);
    }
    // sa-cluster.yaml's idea: a ServiceAccount that may do anything, but only in its namespace.
    await k.core.createNamespacedServiceAccount({
      namespace: ns,
      body: { metadata: { name: 'chaos' } },
    });
    const rbac = (await import('@kubernetes/client-node')).RbacAuthorizationV1Api;
    await kc.makeApiClient(rbac).createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'chaos' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
        subjects: [{ kind: 'ServiceAccount', name: 'chaos', namespace: ns }],
      },
    });
    const minted = await k.core.createNamespacedServiceAccountToken({
      namespace: ns,
      name: 'chaos',
      body: { spec: { audiences: [], expirationSeconds: 3600 } },
    });
    token = minted.status!.token;
  });
  afterAll(async () => {
    await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('runs every tick of the schedule, killing a random pod each time, and the namespace recovers', async () => {
    const env = bare({ KUBERNETES_HOST: server, KUBERNETES_API_KEY: token });
    const before = new Set(
      (await k.core.listNamespacedPod({ namespace: ns })).items.map((p) => p.metadata!.name),
    );
    const killed: string[] = [];
    for (const tick of [1, 2]) {
      const r = await runIn(dir, 'any-pod.yaml', env, ['--rollback-strategy', 'always']);
      expect(r.stderr).toContain('KUBERNETES_HOST');
      expect(r.stderr).toContain('with KUBERNETES_API_KEY');
      expect([tick, r.journal.status, r.journal.deviated]).toEqual([tick, 'completed', false]);
      killed.push(...(r.journal.run[0]!.output as string[]));
    }
    expect(killed).toHaveLength(2);
    expect(before.has(killed[0]!)).toBe(true);
    const now = (await k.core.listNamespacedPod({ namespace: ns })).items.map(
      (p) => p.metadata!.name,
    );
    expect(now).not.toContain(killed[0]);
  }, 120_000);
});

describe('seed 003: front, middle and back, with latency and a lost network between them', () => {
  // The demo's three chained services, as Deployments in the sandbox (their pods carry the labels
  // the faults select) and as small HTTP servers here, since kwok's pods run no containers. Front
  // gives middle one second, middle gives back one second; on a timeout they still answer 200 but
  // with an error message, as the demo's services do. What Chaos Mesh's daemon and the CNI would
  // do to real pods, the test does to its servers from the cluster's objects: while a NetworkChaos
  // `delay` selects middle's pods, middle answers that much later; while a NetworkPolicy with no
  // ingress rule selects back's pods, back's requests go unanswered. The objects are real; only
  // their enforcement is the test's.
  const ns = uniqueName('chaos-demo');
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const networking = kc.makeApiClient(NetworkingV1Api);
  const customObjects = kc.makeApiClient(CustomObjectsApi);
  const labels: Record<string, Record<string, string>> = {};
  const state = { middleDelayMs: 0, backDenied: false };
  // What the enforcement saw while the experiment ran: the longest delay, and the objects then.
  const seen = { maxDelayMs: 0, chaos: '', error: '' };
  const servers: Server[] = [];
  let frontUrl = '';
  let watcher: NodeJS.Timeout;

  const selects = (want: Record<string, unknown> | undefined, have: Record<string, string>) =>
    Object.entries(want ?? {}).every(([key, value]) => have[key] === value);
  const latencyMs = (latency: unknown) => {
    const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(String(latency));
    return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : 0;
  };
  async function enforce() {
    // The custom objects API answers the objects as stored; the typed list would keep no spec.
    const chaos = (
      (await customObjects.listNamespacedCustomObject({
        group: 'chaos-mesh.org',
        version: 'v1alpha1',
        namespace: ns,
        plural: 'networkchaos',
      })) as {
        items: Array<{
          spec?: {
            action?: string;
            selector?: { labelSelectors?: Record<string, string> };
            delay?: { latency?: string };
          };
        }>;
      }
    ).items;
    state.middleDelayMs = Math.max(
      0,
      ...chaos
        .filter((c) => c.spec?.action === 'delay')
        .filter((c) => selects(c.spec?.selector?.labelSelectors, labels.middle!))
        .map((c) => latencyMs(c.spec?.delay?.latency)),
    );
    if (state.middleDelayMs > seen.maxDelayMs || (chaos.length && !seen.chaos)) {
      seen.maxDelayMs = Math.max(seen.maxDelayMs, state.middleDelayMs);
      seen.chaos = JSON.stringify(chaos);
    }
    const policies = (await networking.listNamespacedNetworkPolicy({ namespace: ns })).items;
    state.backDenied = policies.some(
      (p) =>
        p.spec?.policyTypes?.includes('Ingress') &&
        (p.spec.ingress ?? []).length === 0 &&
        selects(p.spec.podSelector?.matchLabels, labels.back!),
    );
  }

  /** Calls `url` with a one-second budget: the body, or the reason there is none. */
  async function call(url: string): Promise<{ body?: { error: string }; failure?: string }> {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      return { body: (await r.json()) as { error: string } };
    } catch (e) {
      return { failure: (e as Error).name === 'TimeoutError' ? 'timed out' : (e as Error).message };
    }
  }
  async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  }
  const answer = (res: ServerResponse, body: object) =>
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

  beforeAll(async () => {
    // `simian sandbox up` installs Chaos Mesh's real CRDs (build.sh crds): the NetworkChaos is
    // judged by its real schema. Applying a simpler one here would replace it for every other test.
    await waitFor('NetworkChaos to be served', () =>
      objects.list('chaos-mesh.org/v1alpha1', 'NetworkChaos').then(
        () => true,
        () => undefined,
      ),
    );
    await createNamespace(k, ns);
    for (const name of ['front', 'middle', 'back']) {
      const body = workloadBody(name, {});
      await k.apps.createNamespacedDeployment({ namespace: ns, body });
      await waitReady(k, ns, name, 1);
      labels[name] = (await livePods(k, ns, name))[0]!.metadata!.labels!;
    }
    const backUrl = await listen((_req, res) => {
      // Dropped by the policy: no answer, as when the packets never arrive.
      if (!state.backDenied) answer(res, { svc: 'back', error: '' });
    });
    const middleUrl = await listen((_req, res) => {
      setTimeout(() => {
        void call(backUrl).then(({ failure }) =>
          answer(res, { svc: 'middle', error: failure ? `back service: ${failure}` : '' }),
        );
      }, state.middleDelayMs);
    });
    frontUrl = await listen((_req, res) => {
      void call(middleUrl).then(({ body, failure }) => {
        const error = failure ? `middle service: ${failure}` : body!.error;
        answer(res, { svc: 'front', message: error ? 'stalled' : 'hello', error });
      });
    });
    await enforce();
    watcher = setInterval(() => void enforce().catch((e: Error) => (seen.error = e.message)), 200);
  }, 120_000);
  afterAll(async () => {
    clearInterval(watcher);
    for (const server of servers) server.close();
    await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  const env = () => bare({ KUBECONFIG: kubeconfig, FRONT_URL: frontUrl, DEMO_NS: ns });
  const steadyState = (journal: ExperimentJournal, when: 'before' | 'after') =>
    journal.steady_states[when]?.probes.map((p) => [p.activity.name, p.tolerance_met]);

  it("latency: a NetworkChaos delays middle past front's timeout, the run deviates, and the rollback deletes it", async () => {
    const r = await runIn(dir, 'middle-service-has-latency.json', env(), [
      '--rollback-strategy',
      'always',
    ]);
    expect(steadyState(r.journal, 'before')).toEqual([
      ['front-service-must-respond-with-200', true],
      ['front-service-must-not-report-an-error', true],
    ]);
    expect(r.journal.run.map((x) => [x.activity.name, x.status])).toEqual([
      ['add-latency-to-middle-service', 'succeeded'],
      ['run-light-traffic-on-front-service', 'succeeded'],
    ]);
    expect(seen.maxDelayMs, `NetworkChaos seen: ${seen.chaos}; error: ${seen.error}`).toBe(1500);
    // Users still got 200s: front answers with its error message rather than failing.
    expect((r.journal.run[1]!.output as { successRate: number }).successRate).toBe(1);
    expect(steadyState(r.journal, 'after')).toEqual([
      ['front-service-must-respond-with-200', true],
      ['front-service-must-not-report-an-error', false],
    ]);
    expect(r.journal.deviated).toBe(true);
    expect(r.journal.rollbacks.map((x) => [x.activity.name, x.status])).toEqual([
      ['remove-latency-from-middle-service', 'succeeded'],
    ]);
    expect((await objects.list('chaos-mesh.org/v1alpha1', 'NetworkChaos', ns)).items).toEqual([]);
    await waitFor('front to answer without an error again', async () => {
      const { body } = await call(frontUrl);
      return body?.error === '' || undefined;
    });
    expect(r.code).toBe(1);
  }, 120_000);

  it('network loss: a NetworkPolicy cuts back off, front reports the error, and the rollback removes the policy', async () => {
    const r = await runIn(dir, 'middle-service-loses-back-service.json', env(), [
      '--rollback-strategy',
      'always',
    ]);
    expect(steadyState(r.journal, 'before')).toEqual([
      ['front-service-must-respond-with-200', true],
      ['front-service-must-not-report-an-error', true],
    ]);
    expect(r.journal.run.map((x) => [x.activity.name, x.status])).toEqual([
      ['deny-all-ingress-to-back-service', 'succeeded'],
    ]);
    expect(steadyState(r.journal, 'after')).toEqual([
      ['front-service-must-respond-with-200', true],
      ['front-service-must-not-report-an-error', false],
    ]);
    expect(r.journal.deviated).toBe(true);
    expect(r.journal.rollbacks.map((x) => [x.activity.name, x.status])).toEqual([
      ['allow-ingress-to-back-service-again', 'succeeded'],
    ]);
    expect((await networking.listNamespacedNetworkPolicy({ namespace: ns })).items).toEqual([]);
    await waitFor('front to answer without an error again', async () => {
      const { body } = await call(frontUrl);
      return body?.error === '' || undefined;
    });
    expect(r.code).toBe(1);
  }, 120_000);
});

describe('seed 004: rollouts observed through a real Prometheus', () => {
  let prometheus: ChildProcess;
  let service1: Server;
  let promUrl: string;
  let counterUrl: string;
  let broken = false;
  let watcher: NodeJS.Timeout;
  const counts = { ok: 0, errors: 0, counter: 0 };

  beforeAll(async () => {
    const bin = await toolchain('prometheus');
    // service1: answers users (500 while the service2 it calls is the broken v4) and exposes metrics.
    service1 = createServer((req, res) => {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        res.end(
          [
            `svc_responses_total{name="service1",status_code="200",path="/"} ${counts.ok}`,
            `svc_responses_total{name="service1",status_code="500",path="/"} ${counts.errors}`,
            `counter{name="service1"} ${counts.counter}`,
            '',
          ].join('\n'),
        );
        return;
      }
      if (broken) {
        counts.errors++;
        res.writeHead(500).end();
      } else {
        counts.ok++;
        counts.counter++;
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ svc: 'service1', count: counts.counter }));
      }
    });
    await new Promise<void>((r) => service1.listen(0, '127.0.0.1', r));
    const port = (service1.address() as { port: number }).port;
    counterUrl = `http://127.0.0.1:${port}/`;
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const promPort = (free.address() as { port: number }).port;
    await new Promise((r) => free.close(r));
    promUrl = `http://127.0.0.1:${promPort}`;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: service1\n    static_configs: [{ targets: ['127.0.0.1:${port}'] }]\n`,
    );
    prometheus = spawn(
      join(bin, 'prometheus'),
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: 'ignore' },
    );
    await waitFor(
      'Prometheus to have scraped service1 twice',
      async () => {
        const r = await fetch(`${promUrl}/api/v1/query?query=count_over_time(counter[1m])`).catch(
          () => undefined,
        );
        const body = (await r?.json().catch(() => undefined)) as
          { data?: { result?: Array<{ value: [number, string] }> } } | undefined;
        return Number(body?.data?.result?.[0]?.value[1] ?? 0) >= 2 || undefined;
      },
      60_000,
    );
    // service2, as the demo deploys it; service1's health follows its image (v4 is the slow one).
    const body = workloadBody(
      'service2',
      {},
      { podSpec: { containers: [{ name: 'service2', image: 'lawouach/service2:v1' }] } },
    );
    await k.apps.createNamespacedDeployment({ namespace: 'default', body });
    await waitReady(k, 'default', 'service2', 1);
    watcher = setInterval(() => {
      void k.apps.readNamespacedDeployment({ namespace: 'default', name: 'service2' }).then(
        (d) => {
          broken = d.spec?.template?.spec?.containers?.[0]?.image?.endsWith(':v4') ?? false;
        },
        () => undefined,
      );
    }, 200);
  }, 900_000);
  afterAll(async () => {
    clearInterval(watcher);
    prometheus?.kill();
    service1?.close();
    await k.apps
      .deleteNamespacedDeployment({ namespace: 'default', name: 'service2' })
      .catch(() => undefined);
  });

  const env = () =>
    bare({
      KUBECONFIG: kubeconfig,
      COUNTER_URL: counterUrl,
      PROMETHEUS_URL: promUrl,
      JAEGER_HOST: '127.0.0.1',
      HUMIO_INGEST_TOKEN: '',
      HUMIO_DATASPACE: '',
    });
  const bridge = async () => [
    '--python',
    join(await toolchain('chaostoolkit'), '..', 'venv', 'bin', 'python'),
    '--allow-python-bridge',
  ];
  const image = async () =>
    (await k.apps.readNamespacedDeployment({ namespace: 'default', name: 'service2' })).spec!
      .template.spec!.containers[0]!.image;

  it('v2: rolling out a working version does not hurt users; the rollback restores v1', async () => {
    const r = await runIn(seeds, 'rollout-v2-service2.json', env(), await bridge());
    expect(r.stderr).toMatch(/chaostracing\.control.{0,4} is skipped/);
    expect(r.journal.status).toBe('completed');
    expect(r.journal.deviated).toBe(false);
    expect(r.journal.run.map((x) => [x.activity.name, x.status])).toEqual([
      ['initiate-rollout-v2-of-service2', 'succeeded'],
      ['pretend-users-in-background', 'succeeded'],
      ['read-deployment-status', 'succeeded'],
      ['read-counter-for-the-past-30-seconds', 'succeeded'],
    ]);
    // The counter went up while the users called, as Prometheus saw it.
    const series = (
      r.journal.run[3]!.output as { data: { result: Array<{ values: Array<[number, string]> }> } }
    ).data.result[0]!.values;
    expect(Number(series.at(-1)![1])).toBeGreaterThan(Number(series[0]![1]));
    expect((r.journal.run[2]!.output as unknown[]).length).toBeGreaterThan(3);
    expect(r.journal.rollbacks.map((x) => x.status)).toEqual(['succeeded']);
    expect(await image()).toBe('lawouach/service2:v1');
    expect(r.code).toBe(0);
  }, 180_000);

  it('v4: rolling out the slow version hurts users, Prometheus shows the errors, and the run deviates', async () => {
    const r = await runIn(seeds, 'rollout-v4-service2.json', env(), await bridge());
    expect(r.journal.steady_states.before?.steady_state_met).toBe(true);
    expect(r.journal.deviated).toBe(true);
    expect(r.journal.steady_states.after?.probes[0]?.tolerance_met).toBe(false);
    expect(counts.errors).toBeGreaterThan(0);
    expect(r.journal.rollbacks.map((x) => x.status)).toEqual(['succeeded']);
    expect(await image()).toBe('lawouach/service2:v1');
    expect(r.code).toBe(1);
  }, 180_000);
});
