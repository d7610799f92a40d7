// The safety promises against real APIs behind a faulty network: the fault proxy stands between
// Simian and the sandbox's kube-apiserver and moto. With no faults, its request log proves dry-run
// on the wire (no write without dryRun=All or DryRun=true, none at all to an API without one);
// at 20 % faults (429 with Retry-After, 500, 503, resets, slow answers, pages cut half-way) no
// write is sent twice, nothing acts on a listing that failed, every failure is in the ledger with
// what to do, the run ends with a clear status, and retries wait out Retry-After.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import {
  inventoryKeyString,
  parseConfigText,
  runMonkeys,
  seededRng,
  silentLogger,
  Store,
  type RunResult,
} from '@simian/core';
import { sandboxAwsClientConfig } from '@simian/sandbox';
import {
  ALWAYS,
  createNamespace,
  createTestAutoScalingGroups,
  kubeClients,
  startFaultProxy,
  uniqueName,
  useSandboxAwsCredentials,
  waitReady,
  workloadBody,
  type FaultProxy,
  type ProxiedRequest,
} from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exitCodeOf } from '../../packages/cli/src/commands/run.js';
import { defaultRegistry } from '../../packages/cli/src/registry.js';

const kubeconfig = inject('sandboxKubeconfig');
const awsEndpoint = inject('sandboxAwsEndpoint');
const aws = sandboxAwsClientConfig({ awsEndpoint });
useSandboxAwsCredentials(aws);
const k = kubeClients(kubeconfig);
const registry = defaultRegistry();
const prefix = uniqueName('faulty');
const OPT_IN = `chaos-test.simian.dev/${prefix}`;
const dir = mkdtempSync(join(tmpdir(), 'simian-faulty-'));
let ns: string;
let groups: { remove(): Promise<void> } | undefined;

/** A proxy in front of the sandbox's kube-apiserver, and a kubeconfig that goes through it. */
async function kubeProxy(rate: number, seed: number): Promise<{ proxy: FaultProxy; file: string }> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const cluster = kc.getCurrentCluster()!;
  const user = kc.getCurrentUser()!;
  const pem = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
  const proxy = await startFaultProxy({
    upstream: cluster.server,
    tls: { ca: pem(cluster.caData), cert: pem(user.certData), key: pem(user.keyData) },
    rate,
    seed,
  });
  const file = join(dir, `kubeconfig-${seed}.yaml`);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{ name: faulty, cluster: { server: "${proxy.url}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: through-the-proxy } }]
contexts: [{ name: faulty, context: { cluster: faulty, user: u } }]
current-context: faulty
`,
  );
  return { proxy, file };
}

/** simian.yaml with every registered monkey enabled, scoped to this file's namespace and groups. */
function configFor(file: string, awsUrl: string, maxAttempts: number) {
  const own: Record<string, object> = {
    chaos: {
      optIn: { label: OPT_IN },
      killMode: 'fixed:2',
      recovery: { wait: false },
    },
    conformity: { enforce: { rules: ['K8S-OWN-001'] }, gracePeriod: '0s' },
  };
  const monkeys = Object.fromEntries(
    registry.monkeys().map((m) => [
      m.name,
      {
        enabled: true,
        schedule: { windows: JSON.parse(toJson(ALWAYS)) as object, minTimeBetweenActions: '0s' },
        ...(own[m.name] ?? {}),
      },
    ]),
  );
  const config = {
    version: 1,
    targets: {
      kubernetes: [{ kubeconfig: file, namespaces: { include: [ns] }, maxAttempts }],
      aws: [{ region: 'us-east-1', endpoint: awsUrl, maxAttempts }],
    },
    safety: { blastRadius: { maxActionsPerRun: 20, maxGroupShare: 1, minHealthy: 1 } },
    monkeys,
  };
  return parseConfigText(JSON.stringify(config), join(dir, 'simian.yaml'), registry, { env: {} });
}

/** The flow-style YAML of ALWAYS, as JSON. */
function toJson(flow: string): string {
  return flow
    .replace(/([a-z]+):/g, '"$1":')
    .replace(/\[([a-z, ]+)\]/g, (_, d: string) =>
      JSON.stringify(d.split(',').map((s) => s.trim())),
    );
}

async function run(
  file: string,
  awsUrl: string,
  options: { dryRun: boolean; maxAttempts: number; seed: number; store: Store },
) {
  return runMonkeys({
    config: configFor(file, awsUrl, options.maxAttempts),
    registry,
    store: options.store,
    logger: silentLogger(),
    mode: 'run',
    dryRun: options.dryRun,
    rng: seededRng(options.seed),
    env: {},
    reporters: [],
  });
}

beforeAll(async () => {
  ns = uniqueName('faulty');
  await createNamespace(k, ns);
  for (const name of ['web', 'api']) {
    const body = workloadBody(name, { [OPT_IN]: 'true' });
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: { ...body, spec: { ...body.spec, replicas: 4 } },
    });
  }
  await waitReady(k, ns, 'web', 4);
  await waitReady(k, ns, 'api', 4);
  groups = await createTestAutoScalingGroups(aws, prefix, [
    { name: `${prefix}-a`, min: 1, desired: 4, tags: { [OPT_IN]: 'true' } },
  ]);
}, 300_000);

afterAll(async () => {
  await groups?.remove();
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

const awsVersion = (r: ProxiedRequest) => /(?:^|&)Version=([0-9-]+)/.exec(r.body)?.[1];
const awsAction = (r: ProxiedRequest) => /(?:^|&)Action=([A-Za-z]+)/.exec(r.body)?.[1];

describe('dry-run, proven on the wire', () => {
  it('every monkey in dry-run sends no write without dryRun=All (Kubernetes) or DryRun=true (EC2), and none to Auto Scaling, which has no dry-run', async () => {
    const { proxy, file } = await kubeProxy(0, 1);
    const moto = await startFaultProxy({ upstream: awsEndpoint, rate: 0, flavour: 'aws' });
    const store = new Store(':memory:');
    try {
      const result = await run(file, moto.url, { dryRun: true, maxAttempts: 5, seed: 1, store });
      expect(result.status).toBe('completed');
      const kubeWrites = proxy.requests.filter((r) => r.write);
      // Not vacuous: the monkeys did try to act (evictions, marks), each as a dry run.
      expect(kubeWrites.length).toBeGreaterThan(0);
      expect(kubeWrites.filter((r) => !/[?&]dryRun=All(&|$)/.test(r.url))).toEqual([]);
      const awsWrites = moto.requests.filter((r) => r.write);
      // Instances of an Auto Scaling group are killed through Auto Scaling, which has no dry-run:
      // the provider's read-only checks stand in for the call (docs/safety.md), ledgered as dry runs.
      expect(store.ledger().filter((e) => e.ref.startsWith('arn:aws:ec2')).length).toBeGreaterThan(
        0,
      );
      const ec2 = (r: ProxiedRequest) => awsVersion(r) === '2016-11-15';
      expect(awsWrites.filter((r) => ec2(r) && !/(?:^|&)DryRun=true(&|$)/.test(r.body))).toEqual(
        [],
      );
      expect(awsWrites.filter((r) => !ec2(r)).map(awsAction)).toEqual([]);
      expect(store.ledger().every((e) => e.dryRun)).toBe(true);
    } finally {
      store.close();
      await proxy.close();
      await moto.close();
    }
  });
});

describe('at 20 % faults', () => {
  it('writes each kill once, acts on no failed listing, ledgers every failure with what to do, ends with a clear status, and waits out Retry-After', async () => {
    const { proxy, file } = await kubeProxy(0.2, 42);
    const moto = await startFaultProxy({
      upstream: awsEndpoint,
      rate: 0.2,
      seed: 43,
      flavour: 'aws',
    });
    const store = new Store(':memory:');
    const results: RunResult[] = [];
    try {
      // Three tries per request, then one: a fault on a listing then fails it, and what relied on
      // it must not run.
      for (const [seed, maxAttempts] of [
        [1, 3],
        [2, 1],
        [3, 1],
      ] as const) {
        results.push(await run(file, moto.url, { dryRun: false, maxAttempts, seed, store }));
      }
      expect(results.some((r) => r.status === 'incomplete')).toBe(true);
      const all = [...proxy.requests, ...moto.requests];
      const faults = all.filter((r) => r.fault).length;
      expect(faults).toBeGreaterThan(0);
      // No write reaches an API twice: an eviction per pod, a termination per instance.
      const writes = [
        ...proxy.requests
          .filter((r) => r.write && r.forwarded)
          .map((r) => `${r.method} ${r.url.split('?')[0]}`),
        ...moto.requests
          .filter((r) => r.write && r.forwarded && /^Terminate/.test(awsAction(r) ?? ''))
          .map((r) => `terminate ${/InstanceIds?(?:\.1)?=([\w-]+)/.exec(r.body)?.[1] ?? r.body}`),
      ];
      const twice = writes.filter((w, i) => writes.indexOf(w) !== i);
      expect(twice).toEqual([]);
      for (const result of results) {
        // A clear status, and an exit code that says what happened.
        expect(['completed', 'incomplete', 'failed']).toContain(result.status);
        // Never exit 0 for a run that could not see everything: 3, or 1 when an action failed.
        if (result.status === 'incomplete') expect([1, 3]).toContain(exitCodeOf(result));
        const failedListings = new Set(result.incomplete.map((l) => l.key));
        for (const m of result.monkeys) {
          for (const o of m.outcomes) {
            if (o.status !== 'succeeded') continue;
            // Fail closed: nothing succeeded that relied on a listing that failed.
            const relied = (o.action.dependsOn ?? []).map(inventoryKeyString);
            expect(relied.filter((key) => failedListings.has(key))).toEqual([]);
          }
        }
      }
      // Every ledger row ended; every failure says why and what to do.
      const rows = store.ledger({ limit: 10_000 });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((e) => e.status === 'started')).toEqual([]);
      for (const e of rows.filter((r) => r.status === 'failed')) {
        expect(String(e.detail?.['reason'] ?? e.reason)).toMatch(/hint:|retry|again/i);
      }
      // Retry-After is honoured: the next try of a throttled request waits at least that long.
      for (const [i, r] of proxy.requests.entries()) {
        if (r.fault !== 'throttle') continue;
        const next = proxy.requests
          .slice(i + 1)
          .find((n) => n.method === r.method && n.url === r.url);
        if (next) expect(next.at - r.at).toBeGreaterThanOrEqual(950);
      }
      // Not vacuous: kills happened on both APIs despite the faults.
      expect(writes.some((w) => w.startsWith('terminate '))).toBe(true);
      expect(writes.some((w) => w.includes('/eviction'))).toBe(true);
      console.log(
        `faulty network: ${all.length} requests, ${faults} faults injected, ${writes.length} writes, ${twice.length} duplicated, statuses ${results.map((r) => r.status).join(', ')}`,
      );
    } finally {
      store.close();
      await proxy.close();
      await moto.close();
    }
  });
});
