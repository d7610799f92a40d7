// The faulty-network scenario, shared by the sandbox test (test/safety/faulty-network.test.ts) and
// its benchmark (test/bench/faulty-network.ts): an estate of the scenario's own in the sandbox,
// fault proxies in front of the kube-apiserver and moto, runs of every registered monkey through
// them, and a judge of what the proxies and the ledger saw.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import {
  inventoryKeyString,
  parseConfigText,
  runMonkeys,
  seededRng,
  silentLogger,
  type RunResult,
  type Store,
} from '@simian/core';
import { sandboxAwsClientConfig } from '@simian/sandbox';
import {
  createNamespace,
  createTestAutoScalingGroups,
  kubeClients,
  startFaultProxy,
  writeProxiedKubeconfig,
  uniqueName,
  useSandboxAwsCredentials,
  waitReady,
  workloadBody,
  type FaultProxy,
  type ProxiedRequest,
} from '@simian/testing/sandbox';
import { exitCodeOf } from '../../packages/cli/src/commands/run.js';
import { loadRegistry } from '../../packages/cli/src/registry.js';

const registry = await loadRegistry();
const ALWAYS = {
  days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  hours: { start: '00:00', end: '24:00' },
};

export interface FaultyEstate {
  kubeconfig: string;
  awsEndpoint: string;
  namespace: string;
  optIn: string;
  dir: string;
  remove(): Promise<void>;
}

/** Two opted-in Deployments of 4 pods in a namespace of its own, and an Auto Scaling group of 4. */
export async function prepareFaultyEstate(
  kubeconfig: string,
  awsEndpoint: string,
): Promise<FaultyEstate> {
  const aws = sandboxAwsClientConfig({ awsEndpoint });
  useSandboxAwsCredentials(aws);
  const k = kubeClients(kubeconfig);
  const prefix = uniqueName('faulty');
  const optIn = `chaos-test.simian.dev/${prefix}`;
  await createNamespace(k, prefix);
  for (const name of ['web', 'api']) {
    const body = workloadBody(name, { [optIn]: 'true' });
    await k.apps.createNamespacedDeployment({
      namespace: prefix,
      body: { ...body, spec: { ...body.spec, replicas: 4 } },
    });
  }
  await waitReady(k, prefix, 'web', 4);
  await waitReady(k, prefix, 'api', 4);
  const groups = await createTestAutoScalingGroups(aws, prefix, [
    { name: `${prefix}-a`, min: 1, desired: 4, tags: { [optIn]: 'true' } },
  ]);
  return {
    kubeconfig,
    awsEndpoint,
    namespace: prefix,
    optIn,
    dir: mkdtempSync(join(tmpdir(), 'simian-faulty-')),
    async remove() {
      await groups.remove();
      await k.core.deleteNamespace({ name: prefix }).catch(() => undefined);
    },
  };
}

/** Fault proxies in front of the kube-apiserver and moto, and a kubeconfig through the first. */
export async function startProxies(
  estate: FaultyEstate,
  rate: number,
  seed: number,
): Promise<{ kube: FaultProxy; moto: FaultProxy; kubeconfig: string; close(): Promise<void> }> {
  const kc = new KubeConfig();
  kc.loadFromFile(estate.kubeconfig);
  const cluster = kc.getCurrentCluster()!;
  const user = kc.getCurrentUser()!;
  const pem = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
  const kube = await startFaultProxy({
    upstream: cluster.server,
    tls: { ca: pem(cluster.caData), cert: pem(user.certData), key: pem(user.keyData) },
    rate,
    seed,
  });
  const moto = await startFaultProxy({
    upstream: estate.awsEndpoint,
    rate,
    seed: seed + 1,
    flavour: 'aws',
  });
  const kubeconfig = writeProxiedKubeconfig(join(estate.dir, `kubeconfig-${seed}.yaml`), kube.url);
  return {
    kube,
    moto,
    kubeconfig,
    close: async () => {
      await kube.close();
      await moto.close();
    },
  };
}

/** One run of every registered monkey through the proxies, scoped to the estate. */
export function runThrough(
  estate: FaultyEstate,
  proxies: { kubeconfig: string; moto: FaultProxy },
  options: { dryRun: boolean; maxAttempts: number; seed: number; store: Store },
): Promise<RunResult> {
  const own: Record<string, object> = {
    chaos: { optIn: { label: estate.optIn }, killMode: 'fixed:2', recovery: { wait: false } },
    conformity: { enforce: { rules: ['K8S-OWN-001'] }, gracePeriod: '0s' },
  };
  const monkeys = Object.fromEntries(
    registry.monkeys().map((m) => [
      m.name,
      {
        enabled: true,
        schedule: { windows: ALWAYS, minTimeBetweenActions: '0s' },
        ...(own[m.name] ?? {}),
      },
    ]),
  );
  const { maxAttempts } = options;
  const config = {
    version: 1,
    targets: {
      kubernetes: [
        {
          kubeconfig: proxies.kubeconfig,
          namespaces: { include: [estate.namespace] },
          maxAttempts,
        },
      ],
      aws: [{ region: 'us-east-1', endpoint: proxies.moto.url, maxAttempts }],
    },
    safety: { blastRadius: { maxActionsPerRun: 20, maxGroupShare: 1, minHealthy: 1 } },
    monkeys,
  };
  return runMonkeys({
    config: parseConfigText(JSON.stringify(config), join(estate.dir, 'simian.yaml'), registry, {
      env: {},
    }),
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

export const awsAction = (r: ProxiedRequest) => /(?:^|&)Action=([A-Za-z]+)/.exec(r.body)?.[1];
export const awsVersion = (r: ProxiedRequest) => /(?:^|&)Version=([0-9-]+)/.exec(r.body)?.[1];

/** What the runs came to, and every promise they broke, in words. */
export interface FaultyVerdict {
  requests: number;
  faults: number;
  writes: string[];
  duplicated: string[];
  statuses: string[];
  broken: string[];
}

/** Which requests of each proxy one run sent, and how often it may try each. */
export interface RunSpan {
  maxAttempts: number;
  kube: [from: number, to: number];
  moto: [from: number, to: number];
}

/** `runThrough`, noting which requests of the proxies the run sent. */
export async function runSpanned(
  estate: FaultyEstate,
  proxies: { kubeconfig: string; kube: FaultProxy; moto: FaultProxy },
  options: { dryRun: boolean; maxAttempts: number; seed: number; store: Store },
  spans: RunSpan[],
): Promise<RunResult> {
  const kube = proxies.kube.requests.length;
  const moto = proxies.moto.requests.length;
  const result = await runThrough(estate, proxies, options);
  spans.push({
    maxAttempts: options.maxAttempts,
    kube: [kube, proxies.kube.requests.length],
    moto: [moto, proxies.moto.requests.length],
  });
  return result;
}

export function judgeFaultyRuns(
  proxies: { kube: FaultProxy; moto: FaultProxy },
  results: RunResult[],
  store: Store,
  spans: RunSpan[],
): FaultyVerdict {
  const { kube, moto } = proxies;
  const broken: string[] = [];
  const all = [...kube.requests, ...moto.requests];
  // No write reaches an API twice: an eviction per pod, a termination per instance.
  const writes = [
    ...kube.requests
      .filter((r) => r.write && r.forwarded)
      .map((r) => `${r.method} ${r.url.split('?')[0]}`),
    ...moto.requests
      .filter((r) => r.write && r.forwarded && /^Terminate/.test(awsAction(r) ?? ''))
      .map((r) => `terminate ${/InstanceIds?(?:\.1)?=([\w-]+)/.exec(r.body)?.[1] ?? r.body}`),
  ];
  const duplicated = writes.filter((w, i) => writes.indexOf(w) !== i);
  for (const d of duplicated) broken.push(`sent twice: ${d}`);
  for (const result of results) {
    if (!['completed', 'incomplete', 'failed'].includes(result.status)) {
      broken.push(`run ${result.runId} ended ${result.status}`);
    }
    if (result.status === 'incomplete' && exitCodeOf(result) === 0) {
      broken.push(`run ${result.runId} is incomplete but would exit 0`);
    }
    const failed = new Set(result.incomplete.map((l) => l.key));
    for (const m of result.monkeys) {
      for (const o of m.outcomes) {
        if (o.status !== 'succeeded') continue;
        for (const key of (o.action.dependsOn ?? []).map(inventoryKeyString)) {
          if (failed.has(key)) broken.push(`${o.action.id} succeeded on the failed listing ${key}`);
        }
      }
    }
  }
  for (const e of store.ledger({ limit: 100_000 })) {
    if (e.status === 'started') broken.push(`ledger row ${e.seq} (${e.verb} ${e.ref}) never ended`);
    if (e.status === 'failed' && !/hint:|retry|again/i.test(String(e.detail?.['reason']))) {
      broken.push(
        `ledger row ${e.seq} failed without saying what to do: ${String(e.detail?.['reason'])}`,
      );
    }
  }
  // Retry-After is honoured: the next try of a throttled request, within the run that may try
  // again, waits at least that long (the same request from a later run or a run that does not
  // retry is no retry).
  for (const span of spans.filter((x) => x.maxAttempts > 1)) {
    const [from, to] = span.kube;
    const requests = kube.requests.slice(from, to);
    for (const [i, r] of requests.entries()) {
      if (r.fault !== 'throttle') continue;
      const next = requests
        .slice(i + 1)
        .find((n) => n.method === r.method && n.url === r.url && n.body === r.body);
      if (next && next.at - r.at < 950) {
        broken.push(`${r.method} ${r.url} tried again ${next.at - r.at} ms after a Retry-After: 1`);
      }
    }
  }
  return {
    requests: all.length,
    faults: all.filter((r) => r.fault).length,
    writes,
    duplicated,
    statuses: results.map((r) => r.status),
    broken,
  };
}
