// The Helm chart, installed for real into the sandbox's API server: helm lint and template pass,
// the rendered chart passes Simian's own rules, `helm install` creates every object and admission
// accepts them in a namespace that enforces the `restricted` Pod Security Standard, and the
// CronJob and Job controllers create Jobs and Pods from them (kwok runs no containers). Then each
// account's command line runs here with the account's own token: it succeeds with the chart's
// RBAC, and is refused with any one rule taken away (sufficient and minimal).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  type V1Container,
} from '@kubernetes/client-node';
import { DELETE_AFTER_KEY, VIOLATION_KEY } from '@simian/conformity-monkey';
import { ROOT, type CliResult } from '@simian/testing/cli';
import {
  ALWAYS,
  createNamespace,
  kubeClients,
  livePods,
  uniqueName,
  waitFor,
  waitReady,
  workloadBody,
} from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  CHART,
  simianBuilt,
  grantCopies,
  helmRunner,
  manifests,
  rolesBoundTo,
  serviceAccountToken,
  tokenKubeconfig,
  type BoundRole,
  type Manifest,
} from './support.js';
import { conformityEstate, DUE_STACK, NEW_STACK } from './conformity-estate.js';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const batch = kc.makeApiClient(BatchV1Api);
const objects = KubernetesObjectApi.makeApiClient(kc);
const dir = mkdtempSync(join(tmpdir(), 'simian-helm-'));
const suffix = uniqueName('x').slice(2);
/** Where the releases live: enforces the restricted Pod Security Standard. */
const ns = `simian-${suffix}`;
/** The chaos monkey's own namespace: its targets are limited to it, so it gets a Role there. */
const appNs = `shop-${suffix}`;
const release = { monkeys: `m-${suffix}`, goApp: `g-${suffix}`, rollout: `r-${suffix}` };
let helm: Awaited<ReturnType<typeof helmRunner>>;

const example = (name: string) => join(ROOT, CHART, 'examples', `${name}.values.yaml`);

/**
 * The test's simian.yaml for the monkeys: chaos acts now in appNs; conformity enforces
 * K8S-AVAIL-001 there for real with no grace period, so one run marks one stack and scales
 * another, already marked and due, to zero.
 */
const monkeysConfig = {
  version: 1,
  store: { path: '/var/lib/simian/simian.db' },
  targets: {
    kubernetes: [{ name: 'in-cluster', inCluster: true, namespaces: { include: [appNs] } }],
  },
  monkeys: {
    chaos: {
      enabled: true,
      dryRun: false,
      schedule: { cron: '* * * * *', windows: parse(ALWAYS) as unknown },
      recovery: { wait: false },
    },
    conformity: {
      enabled: true,
      dryRun: false,
      enforce: { rules: ['K8S-AVAIL-001'] },
      gracePeriod: '0s',
      // Teardown takes a stack to zero: the gate's defaults would keep one workload running.
      safety: { blastRadius: { minHealthy: 0, maxGroupShare: 1 } },
      // `run --once` runs a monkey only at a slot of its cron (hourly by default): every minute.
      schedule: {
        cron: '* * * * *',
        windows: parse(ALWAYS) as unknown,
        minTimeBetweenActions: '0s',
      },
    },
  },
};

async function ensureNamespace(name: string, labels: Record<string, string> = {}) {
  const exists = await core.readNamespace({ name }).then(
    () => true,
    () => false,
  );
  if (!exists) await createNamespace(k, name);
  if (Object.keys(labels).length > 0)
    await core.patchNamespace({
      name,
      body: [{ op: 'add', path: '/metadata/labels', value: labels }],
    });
}

async function ensureDeployment(namespace: string, name: string, replicas: number, labels = {}) {
  const exists = await k.apps.readNamespacedDeployment({ name, namespace }).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const body = workloadBody(name, labels, {
      podSpec: { containers: [{ name, image: `example/${name}:v1` }] },
    });
    await k.apps.createNamespacedDeployment({
      namespace,
      body: { ...body, spec: { ...body.spec, replicas } },
    });
  }
  await waitReady(k, namespace, name, replicas);
}

/** `simian rbac ... -o json`'s "rbac", the documented way to give the chart a monkey's rules. */
async function rbacOf(args: string[], config: unknown): Promise<unknown> {
  const file = join(dir, `rbac-config-${args.join('-')}.yaml`);
  writeFileSync(file, stringify(config));
  const r = await simianBuilt(['--config', file, 'rbac', ...args, '-o', 'json'], dir);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { rbac: unknown }).rbac;
}

beforeAll(async () => {
  // Independent objects: made at once.
  [helm] = await Promise.all([
    helmRunner(kubeconfig, dir),
    ensureNamespace(ns, { 'pod-security.kubernetes.io/enforce': 'restricted' }),
    ensureNamespace(appNs).then(() =>
      ensureDeployment(appNs, 'web', 3, { 'chaos.simian.dev/enabled': 'true' }),
    ),
    ensureNamespace('go-app').then(() => ensureDeployment('go-app', 'go-app', 2)),
    ensureNamespace('counter').then(() => ensureDeployment('counter', 'service2', 2)),
  ]);
});

afterAll(async () => {
  await Promise.all(
    Object.values(release).map((r) => helm(['uninstall', r, '-n', ns, '--wait=false'])),
  );
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await core.deleteNamespace({ name: appNs }).catch(() => undefined);
});

describe('the chart renders', () => {
  it('helm lint passes, and a misspelt value fails with its key named', async () => {
    const lint = await helm(['lint', join(ROOT, CHART), '--strict']);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    const bad = await helm([
      'template',
      't',
      join(ROOT, CHART),
      '--set',
      'config.monkeys.chaos.dryrun=true',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(
      "at '/config/monkeys/chaos': additional properties 'dryrun' not allowed",
    );
    const badChart = await helm(['template', 't', join(ROOT, CHART), '--set', 'mode=cron']);
    expect(badChart.stderr).toContain("at '/mode'");
  });

  it("helm template of every mode and example passes Simian's own rules (none at medium or above)", async () => {
    const variants: Array<[string, string[]]> = [
      ['cronjobs', []],
      ['daemon', ['--set', 'mode=daemon', '--set', 'metrics.enabled=true']],
      ['go-app', ['-f', example('go-app-random-pod')]],
      ['rollout', ['-f', example('service2-rollout')]],
    ];
    const files = await Promise.all(
      variants.map(async ([name, args]) => {
        const t = await helm([
          'template',
          'scan',
          join(ROOT, CHART),
          '-n',
          'simian-system',
          ...args,
        ]);
        expect(t.code, t.stderr).toBe(0);
        const kinds = manifests(t.stdout).map((m) => m.kind);
        expect(kinds.length, name).toBeGreaterThan(5);
        const file = join(dir, `${name}.yaml`);
        writeFileSync(file, t.stdout);
        return file;
      }),
    );
    // Every built-in rule, so rules added later are held to the chart too.
    const scan = await simianBuilt(['scan', ...files, '--fail-on', 'medium'], dir);
    expect(scan.code, `${scan.stdout}${scan.stderr}`).toBe(0);
    const daemon = manifests(readFileSync(join(dir, 'daemon.yaml'), 'utf8'));
    expect(daemon.map((m) => m.kind)).toEqual(expect.arrayContaining(['Deployment', 'Service']));
    // No Prometheus Operator CRDs here: no ServiceMonitor.
    expect(daemon.map((m) => m.kind)).not.toContain('ServiceMonitor');
    const withOperator = await helm([
      'template',
      'scan',
      join(ROOT, CHART),
      '--set',
      'mode=daemon',
      '--set',
      'metrics.enabled=true',
      '--api-versions',
      'monitoring.coreos.com/v1/ServiceMonitor',
    ]);
    expect(manifests(withOperator.stdout).map((m) => m.kind)).toContain('ServiceMonitor');
  });
});

describe('the chart installed into the sandbox', () => {
  const installed = new Map<string, Manifest[]>();

  beforeAll(async () => {
    // Helm merges `config` over values.yaml's; null drops its meanTimeBetweenActions (2d), which
    // would make a one-minute slot fire with p = 0.0003, so chaos acts at its first slot here.
    const config = structuredClone(monkeysConfig);
    (config.monkeys.chaos.schedule as Record<string, unknown>).meanTimeBetweenActions = null;
    const [chaosRbac, conformityRbac] = await Promise.all([
      rbacOf(['chaos'], monkeysConfig),
      rbacOf(['conformity'], monkeysConfig),
    ]);
    const values = {
      labels: { owner: 'platform' },
      cronjob: { schedule: '* * * * *' },
      config,
      monkeys: { chaos: { rbac: chaosRbac }, conformity: { rbac: conformityRbac } },
    };
    const monkeysValues = join(dir, 'monkeys.values.yaml');
    writeFileSync(monkeysValues, stringify(values));
    // The go-app example every minute instead of every two, to keep the test short.
    const goApp = parse(readFileSync(example('go-app-random-pod'), 'utf8')) as {
      experiments: Array<{ schedule: string }>;
    };
    goApp.experiments[0]!.schedule = '* * * * *';
    const goAppValues = join(dir, 'go-app.values.yaml');
    writeFileSync(goAppValues, stringify(goApp));
    // Three releases of their own: installed at once.
    const releases = [
      [release.monkeys, monkeysValues],
      [release.goApp, goAppValues],
      [release.rollout, example('service2-rollout')],
    ] as const;
    const manifestsOf = await Promise.all(
      releases.map(async ([name, file]) => {
        const r = await helm(['install', name, join(ROOT, CHART), '-n', ns, '-f', file]);
        expect(r.code, r.stderr).toBe(0);
        return manifests((await helm(['get', 'manifest', name, '-n', ns])).stdout);
      }),
    );
    for (const [i, [name]] of releases.entries()) installed.set(name, manifestsOf[i]!);
  }, 300_000);

  it('PodSecurity admission enforces restricted in the release namespace', async () => {
    const refused = await core
      .createNamespacedPod({
        namespace: ns,
        body: {
          metadata: { name: 'privileged' },
          spec: {
            containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }],
          },
        },
      })
      .then(
        () => 'created',
        (e: { body?: string }) => String(e.body),
      );
    expect(refused).toContain('violates PodSecurity');
    expect(refused).toContain('restricted:latest');
  });

  it('every object of the three releases exists in the API server', async () => {
    const all = [...installed.values()].flat();
    expect(all.map((o) => o.kind)).toEqual(
      expect.arrayContaining([
        'CronJob',
        'Job',
        'ServiceAccount',
        'Role',
        'RoleBinding',
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'PersistentVolumeClaim',
      ]),
    );
    await Promise.all(
      all.map(async (o) => {
        const found = await objects.read({
          apiVersion: o.apiVersion,
          kind: o.kind,
          metadata: { name: o.metadata.name, namespace: o.metadata.namespace ?? ns },
        });
        expect(found.metadata?.name).toBe(o.metadata.name);
      }),
    );
  });

  /**
   * The container of `workload` (a CronJob or a Job) of release `name`, and a function that runs
   * its command line here, as ServiceAccount `account`, with the release's simian.yaml pointed at
   * the sandbox through a kubeconfig with that account's token instead of the in-cluster one.
   */
  async function commandLineOf(name: string, workload: Manifest) {
    const spec = (
      workload.kind === 'CronJob'
        ? (workload.spec as { jobTemplate: { spec: { template: { spec: unknown } } } }).jobTemplate
            .spec.template.spec
        : (workload.spec as { template: { spec: unknown } }).template.spec
    ) as {
      serviceAccountName: string;
      containers: V1Container[];
      volumes: Array<{ name: string; configMap?: { name: string } }>;
    };
    const configMap = installed
      .get(name)!
      .find((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-config'))!;
    const simianYaml = (configMap.data as Record<string, string>)['simian.yaml']!;
    const experimentMap = spec.volumes.find((v) => v.name === 'experiment')?.configMap?.name;
    const experimentJson = experimentMap
      ? (
          installed
            .get(name)!
            .find((o) => o.kind === 'ConfigMap' && o.metadata.name === experimentMap)!
            .data as Record<string, string>
        )['experiment.json']!
      : undefined;
    return {
      account: spec.serviceAccountName,
      async run(account: string): Promise<CliResult> {
        const run = mkdtempSync(join(dir, 'run-'));
        const token = await serviceAccountToken(kc, ns, account);
        const kube = tokenKubeconfig(kc, token, join(run, 'kubeconfig'));
        const config = parse(simianYaml) as {
          store: { path: string };
          targets: { kubernetes: Array<Record<string, unknown>> };
        };
        config.store.path = join(run, 'simian.db');
        for (const t of config.targets.kubernetes) {
          delete t.inCluster;
          t.kubeconfig = kube;
        }
        writeFileSync(join(run, 'simian.yaml'), stringify(config));
        if (experimentJson) writeFileSync(join(run, 'experiment.json'), experimentJson);
        const args = spec.containers[0]!.args!.map((a) =>
          a === '/etc/simian/experiment/experiment.json'
            ? join(run, 'experiment.json')
            : a === '/tmp/journal.json'
              ? join(run, 'journal.json')
              : a,
        );
        return simianBuilt(args, run, { SIMIAN_CONFIG: join(run, 'simian.yaml') });
      },
    };
  }

  // A run is refused when it fails or when the API server refused any request it made (403).
  const refused = (r: CliResult) => r.code !== 0 || /forbidden/i.test(r.stdout + r.stderr);

  /**
   * Runs as the release's account (must succeed), then as copies with each rule taken away.
   * `reset` puts the estate back before each run.
   */
  async function sufficientAndMinimal(
    name: string,
    workloadName: string,
    succeeded: (r: CliResult) => Promise<void> | void,
    options: { reset?: () => Promise<void> } = {},
  ) {
    const workload = installed
      .get(name)!
      .find((o) => (o.kind === 'CronJob' || o.kind === 'Job') && o.metadata.name === workloadName)!;
    const line = await commandLineOf(name, workload);
    const roles: BoundRole[] = await rolesBoundTo(kc, installed.get(name)!, ns, line.account);
    expect(roles.length).toBeGreaterThan(0);
    const omissions = roles.flatMap((role, r) =>
      role.rules.map((rule, i) => ({
        role: r,
        rule: i,
        what: `${role.kind} ${role.name}: ${JSON.stringify(rule)}`,
      })),
    );
    // The account of each omission is made at once, while the full run goes (the runs go one at
    // a time: they act on the same objects).
    const accounts = omissions.map((_, v) =>
      `${line.account}-minus-${v}`.slice(-63).replace(/^-+/, ''),
    );
    const making = Promise.allSettled(
      omissions.map((omit, v) => grantCopies(kc, ns, accounts[v]!, roles, omit)),
    );
    const notRefused: string[] = [];
    try {
      await options.reset?.();
      const full = await line.run(line.account);
      expect(refused(full), full.stdout + full.stderr).toBe(false);
      await succeeded(full);
      const failed = (await making).find((m) => m.status === 'rejected');
      if (failed) throw new Error(`granting the copies failed: ${String(failed.reason)}`);
      for (const [v, omit] of omissions.entries()) {
        await options.reset?.();
        const r = await line.run(accounts[v]!);
        if (!refused(r)) notRefused.push(omit.what);
      }
    } finally {
      const made = await making;
      await Promise.all(made.flatMap((m) => (m.status === 'fulfilled' ? [m.value()] : [])));
    }
    // Every rule is needed: without any one of them the run is refused.
    expect(notRefused).toEqual([]);
    return omissions.length;
  }

  it("chaos: `run chaos --once` with the chart's RBAC evicts a web pod; without any one rule it is refused", async () => {
    const before = (await livePods(k, appNs, 'web')).map((p) => p.metadata!.uid);
    const rules = await sufficientAndMinimal(
      release.monkeys,
      `${release.monkeys}-simian-chaos`,
      async () => {
        const after = (await livePods(k, appNs, 'web')).map((p) => p.metadata!.uid);
        expect(before.filter((u) => !after.includes(u))).toHaveLength(1);
      },
    );
    expect(rules).toBeGreaterThanOrEqual(4);
  }, 400_000);

  it("conformity: `run conformity --once` with the chart's RBAC marks one stack and scales a due one to zero; without any one rule it is refused", async () => {
    // One run uses every rule: a member of every judged kind to mark (patch), a due stack of
    // every scalable kind to scale (the scale subresource), the listings, the kill switch
    // (conformity-estate.ts). Split into single permissions (one resource, one verb), every one
    // is needed too except `get` on Namespaces, PodDisruptionBudgets and HorizontalPodAutoscalers,
    // which the rules only look up by listing: the registries grant list and get on every kind a
    // monkey reads, and that is not minimal yet (see docs/deploy.md).
    const estate = conformityEstate(objects, appNs);
    await estate.create();
    const read = (o: { apiVersion: string; kind: string; metadata: { name: string } }) =>
      objects.read({
        apiVersion: o.apiVersion,
        kind: o.kind,
        metadata: { name: o.metadata.name, namespace: appNs },
      });
    const rules = await sufficientAndMinimal(
      release.monkeys,
      `${release.monkeys}-simian-conformity`,
      async (r) => {
        expect(r.code, r.stdout + r.stderr).toBe(0);
        // Every member of the new stack carries the mark, with the deadline of a 0s grace period.
        for (const o of estate.marked) {
          const annotations = (await read(o)).metadata?.annotations ?? {};
          const what = `${o.kind} ${o.metadata.name}\n${r.stdout}${r.stderr}`;
          expect(annotations[VIOLATION_KEY], what).toBe('K8S-AVAIL-001');
          expect(annotations[DELETE_AFTER_KEY], what).toBeDefined();
        }
        // Every member of the due stack runs zero replicas now.
        for (const o of estate.due) {
          const spec = (await read(o)) as { spec?: { replicas?: number } };
          expect(spec.spec?.replicas, `${o.kind} ${o.metadata.name}\n${r.stdout}`).toBe(0);
        }
        expect(r.stdout + r.stderr).toContain(NEW_STACK);
        expect(r.stdout + r.stderr).toContain(DUE_STACK);
      },
      { reset: () => estate.reset() },
    );
    // Namespaces (ClusterRole); pods and services, the apps and batch kinds, budgets,
    // autoscalers, the scale subresources, the reaper's three lists (Role); the kill switch.
    expect(rules).toBeGreaterThanOrEqual(10);
  }, 600_000);

  it('seed 002: the go-app experiment terminates a go-app pod as its own account, and needs every rule', async () => {
    const before = (await livePods(k, 'go-app', 'go-app')).map((p) => p.metadata!.uid);
    await sufficientAndMinimal(
      release.goApp,
      `${release.goApp}-simian-exp-go-app-random-pod`,
      async (r) => {
        expect(r.code).toBe(0);
        const after = (await livePods(k, 'go-app', 'go-app')).map((p) => p.metadata!.uid);
        expect(before.filter((u) => !after.includes(u))).toHaveLength(1);
      },
    );
  }, 400_000);

  it('seed 004: the service2 rollout Job rolls out and back as its own account, and needs every rule', async () => {
    await sufficientAndMinimal(
      release.rollout,
      `${release.rollout}-simian-exp-service2-rollout`,
      async (r) => {
        expect(r.code).toBe(0);
        // The image changed, then the rollback (strategy always) restored it; the journal says
        // the run completed without deviating.
        const journal = /journal written to (\S+)/.exec(r.stdout)?.[1];
        expect(journal, r.stdout).toBeDefined();
        expect(JSON.parse(readFileSync(journal!, 'utf8'))).toMatchObject({
          status: 'completed',
          deviated: false,
        });
      },
    );
    const deployment = await k.apps.readNamespacedDeployment({
      name: 'service2',
      namespace: 'counter',
    });
    // The rollbacks returned it to its first image.
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe('example/service2:v1');
  }, 400_000);

  // Last: the CronJob controller creates the first Jobs at the next minute after the install,
  // which has passed meanwhile.
  it('the CronJob and Job controllers create Jobs and Pods that admission accepts', async () => {
    const cronJobs = [...installed.values()]
      .flat()
      .filter((o) => o.kind === 'CronJob')
      .map((o) => o.metadata.name);
    expect(cronJobs).toHaveLength(3);
    const jobOf = async (owner: string) =>
      (await batch.listNamespacedJob({ namespace: ns })).items.find((j) =>
        j.metadata?.ownerReferences?.some((r) => r.kind === 'CronJob' && r.name === owner),
      );
    // A minute's schedule: the controller creates the first Job at the next minute.
    const jobs = await waitFor(
      'a Job of each CronJob',
      async () => {
        const found = await Promise.all(cronJobs.map(jobOf));
        return found.every(Boolean) ? found : undefined;
      },
      130_000,
    );
    const oneOff = `${release.rollout}-simian-exp-service2-rollout`;
    for (const job of [...jobs.map((j) => j!.metadata!.name!), oneOff]) {
      const pod = await waitFor(`a pod of Job ${job}`, async () => {
        const pods = await core.listNamespacedPod({
          namespace: ns,
          labelSelector: `job-name=${job}`,
        });
        return pods.items[0];
      });
      // Runs once, never restarted, under the restricted profile.
      expect(pod.spec?.restartPolicy).toBe('Never');
      expect(pod.spec?.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.spec?.containers[0]?.securityContext?.readOnlyRootFilesystem).toBe(true);
    }
  }, 180_000);
});
